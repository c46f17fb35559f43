import { createStore } from 'zustand/vanilla';
import type { DeviceInfo } from '../ble/profile';
import type { MessageKey } from '../i18n/messages';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed';

export interface ConnectionState {
  status: ConnectionStatus;
  simulated: boolean;
  deviceName: string | null;
  profileName: string | null;
  communityDocumented: boolean;
  battery: number | null;
  info: DeviceInfo;
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
  battery: null,
  info: {},
  error: null,
  malformedPackets: 0,
  lostSamples: 0,
};

/** The sensor link as the screens see it; written only by the session layer. */
export const connectionStore = createStore<ConnectionState>(() => initialConnection);
