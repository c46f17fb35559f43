/**
 * What a training session publishes: the state of its sensor link, its calibration and its
 * program run. Stores mirror these; screens read the stores.
 */
import type { DeviceInfo, PressureUnit } from '../ble/profile';
import type { TargetBand } from '../cues/targetBand';
import type { MessageKey } from '../i18n/messages';
import type { RunnerView } from '../programs/runner';
import type { BlockSummary, MvcValue, ProgramId, ProgramParams, RepResult, SessionSummary } from '../programs/types';

export type LinkStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed';

export interface LinkState {
  status: LinkStatus;
  simulated: boolean;
  /** The browser's id for the device (kept to reconnect on the next visit without the chooser). */
  deviceId: string | null;
  deviceName: string | null;
  profileName: string | null;
  communityDocumented: boolean;
  /** What the pressure numbers are: cmH2O, or uncalibrated counts until the user calibrates. */
  unit: PressureUnit;
  /** A device-specific note for the user (e.g. which Perifit channel is which). */
  profileNote: MessageKey | null;
  /** The device can zero itself at rest (reference device, femfit). */
  canTare: boolean;
  /** The probe has a vibration motor the app can drive (cues felt in the body). */
  canVibrate: boolean;
  battery: number | null;
  info: DeviceInfo;
  /** Samples per second the device really delivers, measured; null until known. */
  sampleRateHz: number | null;
  /** While reconnecting: attempt n of `reconnectAttempts`. */
  reconnectAttempt: number;
  reconnectAttempts: number;
  /** Unexpected link drops and silences this session (each leaves a gap in the recording). */
  dropouts: number;
  error: { key: MessageKey; detail: string } | null;
  malformedPackets: number;
  lostSamples: number;
  /** Timestamps that jumped and were re-based (never taken as time passing). */
  timeJumps: number;
  /** Readings no sensor can send in this unit (corrupt or overflowed), dropped before analysis. */
  rejectedSamples: number;
}

export const initialLink: LinkState = {
  status: 'idle',
  simulated: false,
  deviceId: null,
  deviceName: null,
  profileName: null,
  communityDocumented: false,
  unit: 'cmH2O',
  profileNote: null,
  canTare: false,
  canVibrate: false,
  battery: null,
  info: {},
  sampleRateHz: null,
  reconnectAttempt: 0,
  reconnectAttempts: 0,
  dropouts: 0,
  error: null,
  malformedPackets: 0,
  lostSamples: 0,
  timeJumps: 0,
  rejectedSamples: 0,
};

/** One MVC and one resting band, for the detector, the runner, the chart and the journal alike. */
export interface Calibration {
  /** Resting level the pipeline tracks (absolute, cmH2O), null until it has settled. */
  readonly restCmH2O: number | null;
  readonly mvc: MvcValue | null;
  /** Width of the resting band ("relaxed"), cmH2O above rest. */
  readonly restBandCmH2O: number;
  /** What the session's live values (samples$, the live buffer, reps, MVC, target band) are in. */
  readonly display: DisplayScale;
}

/**
 * The unit of the live values: the device's own (cmH2O, or raw counts), or, once a count device
 * is calibrated, % of the user's maximum. Recordings and the journal keep the raw unit:
 * live = (raw − offset) × scale.
 */
export interface DisplayScale {
  readonly unit: PressureUnit | 'pctMax';
  readonly offset: number;
  readonly scale: number;
}

export const rawDisplay: DisplayScale = { unit: 'cmH2O', offset: 0, scale: 1 };

export interface ProgramRun {
  readonly status: 'idle' | 'running' | 'done';
  readonly programId: ProgramId | null;
  readonly params: ProgramParams | null;
  /** The cue display: current segment, rep, seconds left, paused or not. */
  readonly view: RunnerView | null;
  /** What the live chart draws while a program runs; null: nothing. */
  readonly targetBand: TargetBand | null;
  readonly results: readonly RepResult[];
  readonly setSummaries: readonly BlockSummary[];
  readonly summary: SessionSummary | null;
}

export const idleRun: ProgramRun = {
  status: 'idle',
  programId: null,
  params: null,
  view: null,
  targetBand: null,
  results: [],
  setSummaries: [],
  summary: null,
};
