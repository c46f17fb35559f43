/**
 * Cuts the sample stream into chunks of about a second for the journal, so at most that much is
 * at risk when the app dies. Samples are copied into preallocated arrays; the only allocation is
 * the chunk handed to the sink (one per second), which must own its buffers: IndexedDB clones a
 * typed array's whole underlying buffer, so a view of the working arrays would store all of them.
 */
import type { SampleBatch } from '../pipeline/types';
import type { JournalChunk } from './schema';

/** A chunk is handed on once it spans at least this much stream time. */
export const CHUNK_SPAN_MS = 1000;

/** Room for a second at 200 samples/s before the working arrays ever grow. */
const INITIAL_CAPACITY = 256;

export class SampleChunker {
  private t = new Float64Array(INITIAL_CAPACITY);
  private p = new Float32Array(INITIAL_CAPACITY);
  private ref = new Float32Array(INITIAL_CAPACITY);
  private withRef = false;
  private n = 0;

  constructor(
    private readonly sink: (chunk: JournalChunk) => void,
    private readonly spanMs = CHUNK_SPAN_MS,
  ) {}

  /** Samples held that the sink has not seen yet. */
  get pending(): number {
    return this.n;
  }

  push(batch: SampleBatch): void {
    const m = batch.t.length;
    if (m === 0) return;
    if (this.n + m > this.t.length) this.grow(Math.max(this.t.length * 2, this.n + m));
    this.t.set(batch.t, this.n);
    this.p.set(batch.p, this.n);
    if (batch.ref) {
      this.ref.set(batch.ref, this.n);
      this.withRef = true;
    } else this.ref.fill(Number.NaN, this.n, this.n + m);
    this.n += m;
    if (this.t[this.n - 1] - this.t[0] >= this.spanMs) this.flush();
  }

  /** Hands on what is held now: call it when the link drops, and at the end of the session. */
  flush(): void {
    if (this.n === 0) return;
    const chunk: JournalChunk = {
      t: this.t.slice(0, this.n),
      p: this.p.slice(0, this.n),
      ref: this.withRef ? this.ref.slice(0, this.n) : null,
    };
    this.n = 0;
    this.withRef = false;
    this.sink(chunk);
  }

  private grow(capacity: number): void {
    const t = new Float64Array(capacity);
    t.set(this.t.subarray(0, this.n));
    const p = new Float32Array(capacity);
    p.set(this.p.subarray(0, this.n));
    const ref = new Float32Array(capacity);
    ref.set(this.ref.subarray(0, this.n));
    this.t = t;
    this.p = p;
    this.ref = ref;
  }
}
