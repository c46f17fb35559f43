import { Subject, Subscription, tap } from 'rxjs';
import { connectionErrorMessage } from '../ble/errors';
import type { BluetoothLike } from '../ble/gatt';
import { pairSensor, type Paired } from '../ble/pairing';
import type { SensorLink } from '../ble/profile';
import { PROFILES } from '../ble/profiles';
import { Recorder } from '../recording/recorder';
import { analysisStore, initialAnalysis } from '../store/analysisStore';
import { connectionStore, initialConnection } from '../store/connectionStore';
import { LiveBuffer } from './liveBuffer';
import type { RepEvent, SampleBatch } from '../pipeline/types';

/**
 * One sensor session: pairs, streams samples into the live buffer, the recorder and the
 * analysis pipeline, and keeps the stores up to date. No React here.
 */
export class SensorSession {
  readonly buffer = new LiveBuffer(4096);
  readonly recorder = new Recorder();
  /** Every batch from the open link, in stream time (what programs and cues follow). */
  readonly batches$ = new Subject<SampleBatch>();
  /** What the analysis pipeline says about the stream: onsets, reps, rest level. */
  readonly repEvents$ = new Subject<RepEvent>();
  private subscriptions = new Subscription();
  private paired: Paired | null = null;

  async connect(bluetooth: BluetoothLike, simulated: boolean): Promise<void> {
    this.disconnect();
    connectionStore.setState({ ...initialConnection, status: 'connecting', simulated });
    analysisStore.setState(initialAnalysis);
    this.buffer.clear();
    this.recorder.clear();
    try {
      this.paired = await pairSensor(bluetooth, PROFILES);
      const link = await this.paired.profile.open(this.paired.device, this.paired.server);
      connectionStore.setState({
        status: 'connected',
        deviceName: this.paired.device.name ?? null,
        profileName: this.paired.profile.displayName,
        communityDocumented: this.paired.profile.communityDocumented,
      });
      this.stream(link);
      void link.readBattery().then((battery) => connectionStore.setState({ battery }));
      void link.readInfo().then((info) => connectionStore.setState({ info }));
    } catch (error) {
      this.paired = null;
      connectionStore.setState({ status: 'failed', error: connectionErrorMessage(error) });
    }
  }

  disconnect(): void {
    this.subscriptions.unsubscribe();
    this.subscriptions = new Subscription();
    const paired = this.paired;
    this.paired = null;
    if (paired?.server.connected) paired.server.disconnect();
    if (paired) connectionStore.setState({ status: 'idle' });
  }

  private stream(link: SensorLink): void {
    this.subscriptions.add(
      link.faults$.subscribe(() => connectionStore.setState((s) => ({ malformedPackets: s.malformedPackets + 1 }))),
    );
    this.subscriptions.add(
      link.samples$.pipe(tap((batch) => this.take(batch))).subscribe({
        complete: () => {
          if (this.paired) connectionStore.setState({ status: 'disconnected' });
        },
        error: (error: unknown) => connectionStore.setState({ status: 'failed', error: connectionErrorMessage(error) }),
      }),
    );
  }

  /** Stream time of the newest sample, ms (NaN before the first). */
  nowMs(): number {
    return this.buffer.latestTime();
  }

  private take(batch: SampleBatch): void {
    this.buffer.pushBatch(batch);
    this.recorder.append(batch);
    this.batches$.next(batch);
    if (batch.lostBefore > 0) connectionStore.setState((s) => ({ lostSamples: s.lostSamples + batch.lostBefore }));
  }
}

/** The app's one session. */
export const sensorSession = new SensorSession();
