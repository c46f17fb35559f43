import { createStore } from 'zustand/vanilla';
import type { DeviceInfo, PressureUnit } from '../ble/profile';
import type { MessageKey } from '../i18n/messages';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed';

export interface ConnectionState {
  status: ConnectionStatus;
  simulated: boolean;
  deviceName: string | null;
  profileName: string | null;
  communityDocumented: boolean;
  /** What the pressure numbers are: cmH2O, or uncalibrated counts until the user calibrates. */
  unit: PressureUnit;
  /** A device-specific note for the user (e.g. which Perifit channel is which). */
  profileNote: MessageKey | null;
  /** The device can zero itself at rest (reference device). */
  canTare: boolean;
  battery: number | null;
  info: DeviceInfo;
  /** Samples per second the device really delivers, measured; null until known. */
  sampleRateHz: number | null;
  /** While reconnecting: attempt n of `reconnectAttempts`. */
  reconnectAttempt: number;
  reconnectAttempts: number;
  /** Unexpected link drops this session (each leaves a gap in the recording). */
  dropouts: number;
  error: { key: MessageKey; detail: string } | null;
  malformedPackets: number;
  lostSamples: number;
}

export const initialConnection: ConnectionState = {
  status: 'idle',
  simulated: false,
  deviceName: null,
  profileName: null,
  communityDocumented: false,
  unit: 'cmH2O',
  profileNote: null,
  canTare: false,
  battery: null,
  info: {},
  sampleRateHz: null,
  reconnectAttempt: 0,
  reconnectAttempts: 0,
  dropouts: 0,
  error: null,
  malformedPackets: 0,
  lostSamples: 0,
};

/** The sensor link as the screens see it; written only by the session layer. */
export const connectionStore = createStore<ConnectionState>(() => initialConnection);
