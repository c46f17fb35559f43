/**
 * Sampling and packetising: what the device samples (a SampleSource) and the stream that
 * samples it on a fixed schedule and cuts the samples into Pressure Measurement packets.
 */
import { MAX_SAMPLES_PER_PACKET, PROFILE_VERSION, encodePressurePacket } from '../protocol/reference';

export interface SampleSource {
  /**
   * Fill out.main / out.ref (cmH2O, absolute as the probe reads it) for device time tMs.
   * Called with non-decreasing tMs.
   */
  sampleAt(tMs: number, out: { main: number; ref: number }): void;
  readonly hasReference: boolean;
}

const REST_WINDOW_MS = 500;
const HISTORY = 64; // ≥ REST_WINDOW_MS at MAX_RATE_HZ
const EPS_MS = 1e-6; // absorbs float error in anchor + k · period

/**
 * Samples the source on a fixed schedule and cuts the samples into packets. Packets are sent
 * whole as they fill; a change of tare, rate or packet size first sends the partial packet, so
 * that every packet has one rate and one tare state.
 */
export class PacketStream {
  private anchorT = 0;
  private k = 0; // next sample is at anchorT + k · period
  private lastSampleT = Number.NEGATIVE_INFINITY;
  private readonly pendMain = new Float32Array(MAX_SAMPLES_PER_PACKET);
  private readonly pendRef = new Float32Array(MAX_SAMPLES_PER_PACKET);
  private pendCount = 0;
  private pendT0 = 0;
  private pendClipped = false;
  private offsetMain = 0;
  private offsetRef = 0;
  tared = false;
  private readonly histT = new Float64Array(HISTORY);
  private readonly histMain = new Float32Array(HISTORY);
  private readonly histRef = new Float32Array(HISTORY);
  private histNext = 0;
  private histSize = 0;
  private readonly out = { main: 0, ref: 0 };
  private outClipped = false;

  constructor(
    private readonly source: SampleSource,
    private readonly fullScale: number,
    private readonly send: (bytes: Uint8Array) => void,
    public rateHz: number,
    public samplesPerPacket: number,
    private sequence: number,
  ) {}

  private get period(): number {
    return 1000 / this.rateHz;
  }

  /** Starts the schedule at device time t, strictly after the last sample the source gave. */
  start(t: number): void {
    this.anchorT = Math.max(t, this.lastSampleT + this.period);
    this.k = 0;
    this.pendCount = 0;
  }

  /** Takes every sample due by device time t, sending each packet as it fills. */
  pumpTo(t: number): void {
    for (let ts = this.nextT(); ts <= t + EPS_MS; ts = this.nextT()) {
      this.take(ts);
      this.k++;
      if (this.pendCount === this.samplesPerPacket) this.flush();
    }
  }

  flush(): void {
    if (this.pendCount === 0) return;
    const hasRef = this.source.hasReference;
    this.send(
      encodePressurePacket({
        version: PROFILE_VERSION,
        flags: { tared: this.tared, clipped: this.pendClipped },
        sequence: this.sequence,
        timestampMs: this.pendT0,
        rateHz: this.rateHz,
        main: this.pendMain.subarray(0, this.pendCount),
        ref: hasRef ? this.pendRef.subarray(0, this.pendCount) : null,
      }),
    );
    this.sequence = (this.sequence + 1) & 0xffff;
    this.discard();
  }

  /** Drops the partial packet (the link ended before it was sent). */
  discard(): void {
    this.pendCount = 0;
    this.pendClipped = false;
  }

  /** The new rate applies from the next scheduled sample on. */
  setRate(rateHz: number): void {
    this.anchorT = this.nextT();
    this.k = 0;
    this.rateHz = rateHz;
  }

  /** Zeroes the mean raw reading of the last REST_WINDOW_MS, sampling it now if not streaming. */
  tare(t: number, running: boolean): void {
    if (running) {
      this.pumpTo(t);
      this.flush();
    } else {
      this.sampleIdle(t);
    }
    let sumMain = 0;
    let sumRef = 0;
    let count = 0;
    for (let i = 0; i < this.histSize; i++) {
      if (this.histT[i] > t - REST_WINDOW_MS + EPS_MS) {
        sumMain += this.histMain[i];
        sumRef += this.histRef[i];
        count++;
      }
    }
    this.offsetMain = count > 0 ? sumMain / count : 0;
    this.offsetRef = count > 0 ? sumRef / count : 0;
    this.tared = true;
  }

  private nextT(): number {
    return this.anchorT + this.k * this.period;
  }

  private take(ts: number): void {
    this.read(ts);
    if (this.pendCount === 0) this.pendT0 = ts;
    this.pendMain[this.pendCount] = this.out.main - this.offsetMain;
    this.pendRef[this.pendCount] = this.out.ref - this.offsetRef;
    this.pendClipped ||= this.outClipped;
    this.pendCount++;
  }

  /** Fills the rest window at the current rate with samples after the last one taken. */
  private sampleIdle(t: number): void {
    const from = Math.max(this.lastSampleT, t - REST_WINDOW_MS);
    const count = Math.min(HISTORY, Math.ceil((t - from) / this.period - EPS_MS));
    for (let j = count - 1; j >= 0; j--) this.read(t - j * this.period);
  }

  /** One raw sensor reading, clamped to the sensor's range, recorded in the history ring. */
  private read(ts: number): void {
    this.out.main = 0;
    this.out.ref = 0;
    this.source.sampleAt(ts, this.out);
    if (!this.source.hasReference) this.out.ref = 0;
    this.outClipped = false;
    this.out.main = this.clamp(this.out.main);
    this.out.ref = this.clamp(this.out.ref);
    this.lastSampleT = ts;
    this.histT[this.histNext] = ts;
    this.histMain[this.histNext] = this.out.main;
    this.histRef[this.histNext] = this.out.ref;
    this.histNext = (this.histNext + 1) % HISTORY;
    this.histSize = Math.min(HISTORY, this.histSize + 1);
  }

  private clamp(v: number): number {
    if (v >= -this.fullScale && v <= this.fullScale) return v;
    this.outClipped = true;
    return v > 0 ? this.fullScale : -this.fullScale; // NaN reads as negative full scale
  }
}
