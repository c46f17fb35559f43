import { Subject, Subscription } from 'rxjs';
import { SensorConnection, type ConnectionPhase } from '../ble/connection';
import { connectionErrorMessage } from '../ble/errors';
import type { BluetoothLike } from '../../protocol/gatt';
import { PROFILES } from '../ble/profiles';
import { RateMeter } from '../ble/rate';
import { Recorder } from '../recording/recorder';
import { connectionStore, initialConnection } from '../store/connectionStore';
import { programStore } from '../store/programStore';
import { analyse } from './analysis';
import { keepEarlierRecording } from '../store/recordingStore';
import { LiveBuffer } from './liveBuffer';
import type { RepEvent, SampleBatch } from '../pipeline/types';

/** How often the measured sample rate is published, ms of stream time. */
const RATE_PUBLISH_MS = 1000;

/**
 * One sensor session: pairs, streams samples into the live buffer, the recorder and the
 * analysis pipeline, and keeps the stores up to date. No React here.
 *
 * A link that drops without the user asking is reconnected (SensorConnection); the stream goes
 * on in the same stream time, the outage is marked in the recorder as a gap, and nothing
 * measured before it is lost.
 */
export class SensorSession {
  readonly buffer = new LiveBuffer(4096);
  readonly recorder = new Recorder();
  /**
   * Every batch from the sensor, in stream time (what programs and cues follow). Across a
   * reconnect the stream continues: the first batch after the gap jumps ahead in time by the
   * length of the outage (recorder.gaps says where).
   */
  readonly batches$ = new Subject<SampleBatch>();
  /** What the analysis pipeline says about the stream: onsets, reps, rest level. */
  readonly repEvents$ = new Subject<RepEvent>();
  private subscriptions = new Subscription();
  private connection: SensorConnection | null = null;
  private readonly rate = new RateMeter();
  private ratePublishedAt = Number.NEGATIVE_INFINITY;
  private gapOpen = false;

  async connect(bluetooth: BluetoothLike, simulated: boolean): Promise<void> {
    this.disconnect();
    connectionStore.setState({ ...initialConnection, status: 'connecting', simulated });
    this.buffer.clear();
    // The last session stays available for saving: connecting again never loses what was measured.
    if (this.recorder.length > 0) keepEarlierRecording(this.recorder.snapshot(), this.recorder.startedAtMs);
    this.recorder.clear();
    this.rate.reset();
    this.ratePublishedAt = Number.NEGATIVE_INFINITY;
    this.gapOpen = false;
    // Stream time of devices without timestamps: arrival since now, kept across reconnects.
    const origin = performance.now();
    const clock = { now: () => performance.now() - origin };
    const connection = new SensorConnection(bluetooth, PROFILES, clock);
    this.connection = connection;
    this.subscriptions.add(analyse(this.batches$, this.repEvents$, programStore.getState().mvc?.cmH2O ?? null));
    this.subscriptions.add(connection.samples$.subscribe((batch) => this.take(batch)));
    this.subscriptions.add(
      connection.faults$.subscribe(() => connectionStore.setState((s) => ({ malformedPackets: s.malformedPackets + 1 }))),
    );
    this.subscriptions.add(connection.status$.subscribe((phase) => this.follow(connection, phase)));
    try {
      await connection.open();
    } catch (error) {
      if (this.connection !== connection) return; // the user gave up meanwhile
      this.connection = null;
      this.subscriptions.unsubscribe();
      this.subscriptions = new Subscription();
      connectionStore.setState({ status: 'failed', error: connectionErrorMessage(error) });
    }
  }

  disconnect(): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    const connection = this.connection;
    this.connection = null;
    if (!connection) return;
    connection.close();
    connectionStore.setState({ status: 'idle', reconnectAttempt: 0 });
  }

  /** Zeroes the sensor at the current rest level (reference device); failures are shown. */
  async tare(): Promise<void> {
    try {
      await this.connection?.tare();
    } catch (error) {
      connectionStore.setState({ error: connectionErrorMessage(error) });
    }
  }

  /** Stream time of the newest sample, ms (NaN before the first). */
  nowMs(): number {
    return this.buffer.latestTime();
  }

  /** Mirrors the connection's phase into the store and the recorder. */
  private follow(connection: SensorConnection, phase: ConnectionPhase): void {
    switch (phase.state) {
      case 'connected': {
        const profile = connection.profile;
        connectionStore.setState({
          status: 'connected',
          deviceName: connection.device?.name ?? null,
          profileName: profile?.displayName ?? null,
          communityDocumented: profile?.communityDocumented ?? false,
          unit: profile?.unit ?? 'cmH2O',
          profileNote: profile?.note ?? null,
          canTare: connection.canTare,
          reconnectAttempt: 0,
          error: null,
        });
        void connection.readBattery().then((battery) => this.connection === connection && connectionStore.setState({ battery }));
        void connection.readInfo().then((info) => this.connection === connection && connectionStore.setState({ info }));
        return;
      }
      case 'reconnecting':
        if (!this.gapOpen) {
          this.gapOpen = true;
          this.recorder.markGap(this.nowMs());
          this.rate.reset();
          connectionStore.setState((s) => ({ dropouts: s.dropouts + 1 }));
        }
        connectionStore.setState({ status: 'reconnecting', reconnectAttempt: phase.attempt, reconnectAttempts: phase.attempts });
        return;
      case 'lost':
        // Everything recorded stays; the open gap says the recording ends with the link.
        connectionStore.setState({
          status: 'disconnected',
          reconnectAttempt: 0,
          sampleRateHz: null,
          error: { key: 'error.reconnectFailed', detail: connectionErrorMessage(phase.error).detail },
        });
        return;
      case 'connecting':
      case 'closed':
        return;
    }
  }

  private take(batch: SampleBatch): void {
    if (this.gapOpen) {
      this.gapOpen = false;
      this.recorder.endGap(batch.t[0]);
    }
    this.buffer.pushBatch(batch);
    this.recorder.append(batch);
    this.batches$.next(batch);
    if (batch.lostBefore > 0) connectionStore.setState((s) => ({ lostSamples: s.lostSamples + batch.lostBefore }));
    this.publishRate(batch);
  }

  private publishRate(batch: SampleBatch): void {
    this.rate.add(batch);
    const t = batch.t[batch.t.length - 1];
    if (t - this.ratePublishedAt < RATE_PUBLISH_MS) return;
    const rate = this.rate.rateHz();
    if (rate === null) return;
    this.ratePublishedAt = t;
    connectionStore.setState({ sampleRateHz: rate });
  }
}

/** The app's one session. */
export const sensorSession = new SensorSession();
