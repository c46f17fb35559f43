import type { CueKind, SampleBatch } from '../pipeline/types';
import type { Recording } from './csv';

/**
 * Everything measured in a session, kept for saving as CSV: growable typed arrays, doubled
 * when full, so appending a sample allocates only when the capacity doubles.
 */
export class Recorder {
  private t = new Float64Array(1 << 14);
  private p = new Float32Array(1 << 14);
  private ref: Float32Array | null = null;
  private n = 0;
  readonly cues: { tMs: number; kind: CueKind }[] = [];
  /** Stream times where the link dropped, so a gap in the data is explained. */
  readonly gaps: { fromMs: number; toMs: number | null }[] = [];

  get length(): number {
    return this.n;
  }

  append(batch: SampleBatch): void {
    const m = batch.t.length;
    if (this.n + m > this.t.length) this.grow(Math.max(this.t.length * 2, this.n + m));
    if (batch.ref && !this.ref) this.ref = new Float32Array(this.t.length).fill(Number.NaN);
    for (let i = 0; i < m; i++) {
      this.t[this.n] = batch.t[i];
      this.p[this.n] = batch.p[i];
      if (this.ref) this.ref[this.n] = batch.ref ? batch.ref[i] : Number.NaN;
      this.n++;
    }
  }

  cue(tMs: number, kind: CueKind): void {
    this.cues.push({ tMs, kind });
  }

  markGap(fromMs: number): void {
    this.gaps.push({ fromMs, toMs: null });
  }

  endGap(toMs: number): void {
    const open = this.gaps[this.gaps.length - 1];
    if (open && open.toMs === null) open.toMs = toMs;
  }

  /** When this recording began (wall clock, ms), for naming its file. */
  startedAtMs = Date.now();

  /** A copy of everything recorded, that outlives clear(); a gap still open ends at the last sample. */
  snapshot(): Recording {
    const { t, p, ref } = this.data();
    const last = this.n > 0 ? t[this.n - 1] : Number.NaN;
    const gaps = this.gaps.map((g) => ({ fromMs: g.fromMs, toMs: g.toMs ?? (Number.isNaN(last) ? g.fromMs : Math.max(g.fromMs, last)) }));
    return { t: t.slice(), p: p.slice(), ref: ref ? ref.slice() : null, cues: this.cues.map((c) => ({ ...c })), gaps };
  }

  /** Views of what was recorded (no copy). */
  data(): { t: Float64Array; p: Float32Array; ref: Float32Array | null } {
    return { t: this.t.subarray(0, this.n), p: this.p.subarray(0, this.n), ref: this.ref ? this.ref.subarray(0, this.n) : null };
  }

  clear(): void {
    this.startedAtMs = Date.now();
    this.n = 0;
    this.ref = null;
    this.cues.length = 0;
    this.gaps.length = 0;
  }

  private grow(capacity: number): void {
    const t = new Float64Array(capacity);
    t.set(this.t.subarray(0, this.n));
    const p = new Float32Array(capacity);
    p.set(this.p.subarray(0, this.n));
    this.t = t;
    this.p = p;
    if (this.ref) {
      const ref = new Float32Array(capacity).fill(Number.NaN);
      ref.set(this.ref.subarray(0, this.n));
      this.ref = ref;
    }
  }
}
