import { BehaviorSubject, Subject, Subscription, defer, interval, retry, switchMap, timer } from 'rxjs';
import type { SampleBatch } from '../pipeline/types';
import type { BluetoothLike, GattDevice } from '../../protocol/gatt';
import { guardServer } from './guard';
import { disconnected$ } from './observe';
import { pairSensor, reconnectRemembered } from './pairing';
import type { ProbeMotor } from './motor';
import type { DeviceInfo, DeviceProfile, LinkFault, SensorDriver, SensorLink, SessionClock } from './profile';
import { CONNECT_TIMEOUT_MS, OPEN_TIMEOUT_MS, withTimeout } from './timeout';

/** Exponential backoff: base, 2·base, 4·base … capped, `attempts` long. */
export function backoffDelays(baseMs: number, capMs: number, attempts: number): number[] {
  return Array.from({ length: attempts }, (_, i) => Math.min(capMs, baseMs * 2 ** i));
}

/** 0.5, 1, 2, 4, 8, 8, 8, 8 s: about half a minute of trying before giving up. */
export const RECONNECT_DELAYS_MS: readonly number[] = backoffDelays(500, 8000, 8);

/**
 * A device that stops sending while its link stays up is noticed once it has been silent for
 * this many of its own packet intervals, and never sooner than SILENCE_MIN_MS (radio jitter).
 */
const SILENCE_INTERVALS = 5;
const SILENCE_MIN_MS = 1000;
/** How often the watchdog looks, ms. */
const WATCHDOG_TICK_MS = 100;
/** How long closing waits for the motor's stop to be answered before letting the link go, ms. */
const STOP_BEFORE_CLOSE_MS = 1000;

export type ConnectionPhase =
  | { readonly state: 'connecting' }
  | { readonly state: 'connected' }
  /** The link dropped unexpectedly; attempt n of `attempts` is waiting or running. */
  | { readonly state: 'reconnecting'; readonly attempt: number; readonly attempts: number }
  /** Every reconnection attempt failed; `error` is the last attempt's. */
  | { readonly state: 'lost'; readonly error: unknown }
  /** Closed by the user. */
  | { readonly state: 'closed' };

/**
 * One sensor from pairing to close: pairs through the chooser once, then keeps the stream going
 * across link drops by reconnecting to the same device (`device.gatt.connect()`, never a new
 * chooser) with exponential backoff. Samples from every link come out of one `samples$`, in
 * one stream time.
 */
export class SensorConnection {
  readonly status$ = new BehaviorSubject<ConnectionPhase>({ state: 'connecting' });
  readonly samples$ = new Subject<SampleBatch>();
  readonly faults$ = new Subject<LinkFault>();
  private paired: { device: GattDevice; profile: DeviceProfile; driver: SensorDriver } | null = null;
  private link: SensorLink | null = null;
  private linkSubscriptions = new Subscription();
  private readonly lifetime = new Subscription();
  private closed = false;
  /** Settles once close() has let the link go. */
  private released: Promise<void> = Promise.resolve();
  /** Arrival (session clock) of the last batch on this link; NaN until the first. */
  private lastArrivalMs = Number.NaN;
  /** Typical time between batches, ms (moving average); NaN until known. */
  private packetIntervalMs = Number.NaN;

  constructor(
    private readonly bluetooth: BluetoothLike,
    private readonly profiles: readonly DeviceProfile[],
    private readonly clock: SessionClock,
    private readonly delaysMs: readonly number[] = RECONNECT_DELAYS_MS,
  ) {}

  get device(): GattDevice | null {
    return this.paired?.device ?? null;
  }

  get profile(): DeviceProfile | null {
    return this.paired?.profile ?? null;
  }

  /**
   * Chooser (or, given `rememberedId`, the sensor paired before, without one), connect, identify,
   * open. Rejects (and leaves nothing connected) on any failure.
   */
  async open(rememberedId?: string): Promise<void> {
    const { device, server, profile } = rememberedId
      ? await reconnectRemembered(this.bluetooth, rememberedId, this.profiles)
      : await pairSensor(this.bluetooth, this.profiles);
    const driver = profile.createDriver(this.clock);
    let link: SensorLink;
    try {
      link = await withTimeout(driver.open(device, server), OPEN_TIMEOUT_MS, `Setting up the ${profile.displayName}`);
    } catch (error) {
      server.disconnect();
      throw error;
    }
    if (this.closed) {
      server.disconnect();
      return;
    }
    this.paired = { device, profile, driver };
    this.lifetime.add(disconnected$(device).subscribe(() => this.dropped()));
    this.attach(link);
  }

  readBattery(): Promise<number | null> {
    return this.link ? this.link.readBattery() : Promise.resolve(null);
  }

  readInfo(): Promise<DeviceInfo> {
    return this.link ? this.link.readInfo() : Promise.resolve({});
  }

  get canTare(): boolean {
    return this.link?.tare !== undefined;
  }

  async tare(): Promise<void> {
    await this.link?.tare?.();
  }

  /** The probe's vibration motor, while connected to a probe that has one. */
  get motor(): ProbeMotor | null {
    return this.link?.motor ?? null;
  }

  /**
   * Closes on purpose: no reconnect follows. A motor is told to stop first (a cue must never be
   * left running in the body), and the link is let go once that write is answered or failed.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const motor = this.motor;
    const gatt = this.paired?.device.gatt;
    this.lifetime.unsubscribe();
    this.detach();
    if (motor && gatt) {
      this.released = withTimeout(motor.set(0), STOP_BEFORE_CLOSE_MS, 'Stopping the vibration')
        .catch(() => undefined)
        .then(() => gatt.disconnect());
    } else gatt?.disconnect();
    this.status$.next({ state: 'closed' });
  }

  /** Closes, then revokes the page's permission for the device where the browser can: the next visit does not find it. */
  async forget(): Promise<void> {
    const device = this.paired?.device;
    this.close();
    await this.released;
    await device?.forget?.();
  }

  private attach(link: SensorLink): void {
    this.link = link;
    this.linkSubscriptions = new Subscription();
    this.status$.next({ state: 'connected' });
    this.linkSubscriptions.add(link.faults$.subscribe((fault) => this.faults$.next(fault)));
    // An error means the device stopped answering although the link is up: treat it as a drop.
    this.linkSubscriptions.add(
      link.samples$.subscribe({
        next: (batch) => {
          this.noteArrival();
          this.samples$.next(batch);
        },
        error: () => this.dropped(),
      }),
    );
    // Silence on a live link (a notify device that stopped sending) is a drop too.
    this.lastArrivalMs = Number.NaN;
    this.packetIntervalMs = Number.NaN;
    this.linkSubscriptions.add(interval(WATCHDOG_TICK_MS).subscribe(() => this.watch()));
  }

  private noteArrival(): void {
    const now = this.clock.now();
    const gap = now - this.lastArrivalMs;
    if (gap > 0) this.packetIntervalMs = Number.isNaN(this.packetIntervalMs) ? gap : this.packetIntervalMs + 0.1 * (gap - this.packetIntervalMs);
    this.lastArrivalMs = now;
  }

  /** Armed by the link's first batch: a device that never sent anything is not yet silent. */
  private watch(): void {
    if (Number.isNaN(this.lastArrivalMs)) return;
    const limit = Math.max(SILENCE_MIN_MS, SILENCE_INTERVALS * (Number.isNaN(this.packetIntervalMs) ? 0 : this.packetIntervalMs));
    if (this.clock.now() - this.lastArrivalMs > limit) this.dropped();
  }

  private detach(): void {
    this.linkSubscriptions.unsubscribe();
    this.link = null;
  }

  /** The link is gone (or useless) without the user asking: reconnect, unless already at it. */
  private dropped(): void {
    if (this.closed || this.status$.value.state !== 'connected' || !this.paired) return;
    const { device, driver } = this.paired;
    const attempts = this.delaysMs.length;
    this.detach();
    let attempt = 0;
    this.lifetime.add(
      defer(() => {
        attempt++;
        this.status$.next({ state: 'reconnecting', attempt, attempts });
        return timer(this.delaysMs[attempt - 1]).pipe(switchMap(() => this.reopen(device, driver)));
      })
        .pipe(retry(attempts - 1))
        .subscribe({
          next: (link) => this.attach(link),
          error: (error: unknown) => this.status$.next({ state: 'lost', error }),
        }),
    );
    // A stream that failed on a live link: drop the link, so that the retry starts clean. (Its
    // disconnect event is ignored: the status already says reconnecting.)
    if (device.gatt?.connected) device.gatt.disconnect();
  }

  private async reopen(device: GattDevice, driver: SensorDriver): Promise<SensorLink> {
    const gatt = device.gatt;
    if (!gatt) throw new Error('The device has no GATT server');
    try {
      const server = guardServer(await withTimeout(gatt.connect(), CONNECT_TIMEOUT_MS, 'Reconnecting'));
      const link = await withTimeout(driver.open(device, server), OPEN_TIMEOUT_MS, 'Setting the sensor up again');
      if (this.closed) throw new Error('Closed while reconnecting');
      return link;
    } catch (error) {
      // Also aborts a connect still pending after a timeout; the next attempt starts clean.
      gatt.disconnect();
      throw error;
    }
  }
}
