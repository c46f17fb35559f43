/**
 * Finding the moments of a rep in the recent samples: where a level is crossed, and where a rise
 * (onset) or a fall (release) departed from the level before it. Only called when something
 * happens (an onset, a release), never per sample.
 *
 * All of it works on centred smoothing of the samples already received, so it never looks past
 * the newest sample.
 */
import type { SampleRing } from './ring.ts';

/**
 * Walking back, a climb of this fraction of the edge's height above the lowest point so far means
 * we passed the trough the edge rose from (tremor on a slow rise climbs far less).
 */
const TROUGH_REBOUND = 0.3;
/** A reference window shorter than this fraction of the full one gives no reliable line. */
const MIN_REFERENCE_FRACTION = 0.25;

/** A straight reference level: level + slope · (t − t0). */
export interface Line {
  readonly level: number;
  readonly slopePerMs: number;
  readonly t0: number;
}

export function lineAt(line: Line, tMs: number): number {
  return line.level + line.slopePerMs * (tMs - line.t0);
}

export interface EdgeTuning {
  /** Half-width of the centred smoothing, ms. */
  readonly smoothHalfMs: number;
  /** How much rest (or hold) before the edge serves as its reference, ms. */
  readonly referenceMs: number;
  /** Gap left between that reference and the edge, ms. */
  readonly guardMs: number;
  /** A departure is an excess over the reference of this many residual SDs … */
  readonly departureSds: number;
  /** … and at least this much, cmH2O. */
  readonly minDepartureCmH2O: number;
  /** The step a sensor reads in when it is coarser than a departure (a probe with a dozen levels), else 0, cmH2O. */
  readonly sensorStepCmH2O: number;
}

/**
 * Interpolated time at which the centred pressure, above `line`, first reaches `level` going
 * forward from index `from` (dir = 1), or first falls to `level` (dir = −1). NaN if it does not
 * before `to`.
 */
export function crossingForward(ring: SampleRing, from: number, to: number, line: Line, level: number, dir: 1 | -1, halfMs: number): number {
  let prev = Number.NaN;
  for (let i = Math.max(from, ring.oldest); i <= to; i++) {
    const t = ring.t(i);
    ring.updateCentred(i, halfMs);
    const v = dir * (ring.lastCentred - lineAt(line, t) - level);
    if (v >= 0) {
      if (i === from || Number.isNaN(prev) || ring.gapBefore(i)) return t;
      return interpolateZero(ring.t(i - 1), prev, t, v);
    }
    prev = v;
  }
  return Number.NaN;
}

/**
 * Interpolated time at which the centred pressure above `line` was last on the far side of
 * `level`, walking back from `from`: the crossing just before index `from` (dir = 1: the last
 * time it was below `level`, i.e. the rising crossing; dir = −1: the last time above it).
 */
export function crossingBackward(ring: SampleRing, from: number, lo: number, line: Line, level: number, dir: 1 | -1, halfMs: number): number {
  let next = Number.NaN;
  let nextT = Number.NaN;
  for (let i = from; i >= Math.max(lo, ring.oldest); i--) {
    const t = ring.t(i);
    ring.updateCentred(i, halfMs);
    const v = dir * (ring.lastCentred - lineAt(line, t) - level);
    if (v < 0) return Number.isNaN(next) ? t : interpolateZero(t, v, nextT, next);
    next = v;
    nextT = t;
    if (ring.gapBefore(i)) return t;
  }
  return Number.isNaN(nextT) ? ring.t(from) : nextT;
}

/**
 * The level an edge is known to rise from, and how far above it the pressure still counts as
 * resting (breathing and noise): where the search for a rise's start begins.
 */
export interface RestAnchor {
  readonly line: Line;
  readonly band: number;
}

/** Where an edge began, and the reference level there (what the rise rose from). */
export interface Departure {
  readonly tMs: number;
  readonly level: number;
  /** The line fitted to the level before the edge, and the departure δ from it (cmH2O). */
  readonly reference: Line;
  readonly delta: number;
}

/**
 * Where a rise (dir = 1) or a fall (dir = −1) that is under way at index `cross` began: the
 * start of the rise for an onset, the end of the hold for a release. A threshold crossing is
 * always late, so this walks back from it.
 *
 * The level before the edge is a straight line fitted to the samples just before it (so the
 * breathing wave's slope and drift do not bias it), and the edge begins where the pressure last
 * stood within a few residual SDs of that line. Each pass moves the reference window to end
 * just before the edge found by the last one, which converges in a few passes. Finally the early
 * part of the edge is extrapolated back to the line (from its crossings of δ and 3δ), which
 * removes most of the lag a threshold has on an edge that starts gently.
 *
 * With a rest `anchor`, the first reference window ends where the pressure was last within the
 * resting band of the anchor's line before `cross`, not at `cross`: on a slow rise (10–90 % over
 * a second or more) a window ending at the crossing lies on the early rise itself, the fitted
 * line takes on its slope and the passes settle late on the rise.
 *
 * The walk never crosses a gap (lost samples): if the pressure was already on its way when the
 * samples resumed, the edge began inside the gap, and its first slope is extrapolated back.
 *
 * `lo` is the earliest index the edge may begin at (a previous rep, the oldest sample).
 */
export function findDeparture(ring: SampleRing, lo: number, cross: number, dir: 1 | -1, tune: EdgeTuning, anchor?: RestAnchor): Departure {
  const bound = Math.max(lo, ring.oldest);
  const from = ring.runStart(Math.max(cross, bound), bound);
  const beforeGap = from > bound ? from - 1 : -1;
  const excess = (i: number, line: Line) => dir * (ring.centred(i, tune.smoothHalfMs) - lineAt(line, ring.t(i)));
  // Without samples before the edge in this run, the level before the gap is the reference.
  const startLevel = ring.centred(beforeGap >= 0 ? beforeGap : from, tune.smoothHalfMs);
  let fit: LineFit = { level: startLevel, slopePerMs: 0, t0: ring.t(from), sd: 0 };
  let departIdx = from;
  let edgeT = anchor === undefined ? ring.t(cross) : lastWithin(ring, from, cross, anchor, tune.smoothHalfMs);
  // Too little signal before that point to fit a line to (it is just after the last rep, whose
  // tail would give the line its slope): the anchor is no help, start at the crossing.
  if (edgeT - tune.guardMs - ring.t(from) < MIN_REFERENCE_FRACTION * tune.referenceMs) edgeT = ring.t(cross);
  for (let pass = 0; pass < 4 && cross > from; pass++) {
    const refEnd = ring.indexAtOrAfter(edgeT - tune.guardMs, from, cross) - 1;
    const refStart = ring.indexAtOrAfter(edgeT - tune.guardMs - tune.referenceMs, from, cross);
    if (refEnd - refStart >= 3) fit = fitLine(ring, refStart, refEnd, tune.smoothHalfMs);
    else if (pass > 0) break;
    departIdx = walkBack(ring, from, cross, fit, dir, deltaOf(fit, tune), tune.smoothHalfMs);
    const newEdgeT = ring.t(departIdx);
    if (Math.abs(newEdgeT - edgeT) < 1) break;
    edgeT = newEdgeT;
  }
  const delta = deltaOf(fit, tune);
  if (departIdx === from && beforeGap >= 0 && dir * (ring.centred(from, tune.smoothHalfMs) - startLevel) > delta) {
    // Already on the edge when the samples resumed: it began inside the gap.
    const gapStart = ring.t(beforeGap);
    const level: Line = { level: startLevel, slopePerMs: 0, t0: gapStart };
    const e0 = excess(from, level);
    const next = Math.min(from + 1, cross, ring.newest);
    const rate = next > from ? (excess(next, level) - e0) / Math.max(ring.t(next) - ring.t(from), 1e-6) : 0;
    const tMs = rate > 0 ? Math.max(gapStart, ring.t(from) - e0 / rate) : gapStart;
    return { tMs, level: startLevel, reference: level, delta };
  }
  // Straight line through the crossings of δ and 3δ, back to zero excess.
  const t1 = crossingForward(ring, departIdx, cross, fit, dir * delta, dir, tune.smoothHalfMs);
  const t3 = crossingForward(ring, departIdx, cross, fit, dir * 3 * delta, dir, tune.smoothHalfMs);
  let resumed = afterShortGap(ring, departIdx, Number.isNaN(t3) ? cross : ring.indexAtOrAfter(t3, departIdx, cross));
  if (resumed < 0 && anchor !== undefined) resumed = restBeforeShortGap(ring, departIdx, cross, anchor, tune.smoothHalfMs);
  let tMs = t1;
  if (resumed >= 0) {
    // Packets were lost before the edge got clear of the level, or while the pressure still stood
    // at rest (a link gap would have ended the run): it began in that gap.
    tMs = inShortGap(ring, resumed, cross, (i) => excess(i, fit));
  } else if (Number.isNaN(t1)) tMs = ring.t(departIdx);
  else if (!Number.isNaN(t3) && t3 > t1) tMs = Math.max(ring.t(from), t1 - (t3 - t1) / 2);
  else if (Number.isNaN(t3)) {
    // The edge had not got to 3δ by the crossing walked back from (an edge a few δ tall: a weak
    // squeeze, or a sensor whose steps set δ): the line through δ and that crossing instead.
    const tC = ring.t(cross);
    const eC = excess(cross, fit);
    if (eC > delta && tC > t1) tMs = Math.max(ring.t(from), t1 - (delta * (tC - t1)) / (eC - delta));
  }
  return { tMs, level: lineAt(fit, tMs), reference: fit, delta };
}

/**
 * The first sample after the last gap within (lo, hi] when the pressure stood within the anchor's
 * resting band just before that gap and above it just after, or −1.
 */
function restBeforeShortGap(ring: SampleRing, lo: number, hi: number, anchor: RestAnchor, halfMs: number): number {
  let i = hi;
  while (i > lo && !ring.gapBefore(i)) i--;
  if (i <= lo) return -1;
  const above = (k: number) => ring.centred(k, halfMs) - lineAt(anchor.line, ring.t(k)) > anchor.band;
  return !above(i - 1) && above(i) ? i : -1;
}

/** The first sample after a gap within (lo, hi], or −1 (within a run every gap is short: a link gap ends it). */
function afterShortGap(ring: SampleRing, lo: number, hi: number): number {
  for (let i = lo + 1; i <= hi; i++) if (ring.gapBefore(i)) return i;
  return -1;
}

/**
 * When, within the short gap before sample `resumed`, an edge seen from that sample on began: back
 * along the straight line through it and `cross` to zero excess (`excessAt`), not after the gap's
 * end. When that line leads back past the gap's start, the edge after the gap is too slow to have
 * come all the way from the level in the gap: its steep part, or all of it, was in the gap, and
 * the gap's middle (never off by more than half the gap) is the best there is.
 */
function inShortGap(ring: SampleRing, resumed: number, cross: number, excessAt: (i: number) => number): number {
  const gapStart = ring.t(resumed - 1);
  const tA = ring.t(resumed);
  const eA = excessAt(resumed);
  const eC = excessAt(cross);
  const tC = ring.t(cross);
  const back = cross > resumed && eC > eA && tC > tA ? tA - (eA * (tC - tA)) / (eC - eA) : Number.NaN;
  return back >= gapStart ? Math.min(tA, back) : 0.5 * (gapStart + tA);
}

/**
 * A rise comes out of a stand (see `riseFromStand`) only if the pressure stood there this long,
 * ms: twice the 50 ms decision average (a shorter stand is invisible to it), and longer than half
 * a cycle of 8–12 Hz tremor.
 */
const MIN_STAND_MS = 100;
/**
 * … and the squeeze's own rise out of it is at least this many times steeper than the climb that
 * brought the pressure to it (a breath, a sigh, a sensor settling) — a different movement, not
 * one rise pausing: breathing and the slow waves of rest move a few cmH2O/s, a squeeze tens.
 */
const STAND_STEEPER = 8;

/**
 * A rise walked back (`dep`, from its rising crossing at `upIdx`) through a stand: a level above
 * rest that the pressure rose to and stood at briefly (a breath, a sigh, a step of the sensor)
 * before the squeeze's own, much steeper rise. The walk back passes through such a stand when it
 * is shorter than the reference window (`findDeparture` needs a few hundred ms of a level to fit
 * its line to), and the onset then lands at the start of the breath. When there is one, the
 * squeeze began where it left the stand, found as `findDeparture` finds a departure (within δ of
 * the level before it, then back along the early rise through δ and 3δ), the stand's level being
 * the level before it. Otherwise `dep` is returned unchanged.
 *
 * The stand is the stretch nearest the rise (walking back from `upIdx`) of at least
 * MIN_STAND_MS whose excess over the reference line stays within δ of its mean L. It is one only
 * if all of these hold:
 * - it is above rest: L > 2δ (its band clear of the reference's), and the pressure there stands
 *   above the resting band of `rest` (within it, it is rest, and the walk back is right);
 * - it is a precursor: L at most `maxLevel` (below where the rise is measured from);
 * - the pressure rose to it and stopped: at the stand's start it was above the straight line from
 *   `dep` to the stand's end by δ or more (a rise that starts gently and speeds up, the cosine,
 *   logistic or exponential start of a slow squeeze, stays under every such line);
 * - the rise after it is STAND_STEEPER times steeper than the climb to it (from `dep`): a squeeze
 *   rising at a steady pace, pausing in a breath's trough, or read in a coarse sensor's stairs,
 *   climbs after a pause about as fast as before it.
 */
export function riseFromStand(ring: SampleRing, dep: Departure, upIdx: number, maxLevel: number, rest: RestAnchor, tune: EdgeTuning): Departure {
  const half = tune.smoothHalfMs;
  const { reference: line, delta } = dep;
  // From the onset found, or the last gap after it (a run start searched no further back than
  // the onset: unbounded, it would walk the whole ring).
  const first = ring.runStart(upIdx, ring.indexAtOrAfter(dep.tMs, ring.oldest, upIdx));
  const n = upIdx - first + 1;
  if (n < 4 || !(maxLevel > 2 * delta)) return dep;
  // The rise's excess over the reference, once: the search below reads it many times. (Once per
  // rep, at confirmation and at the end of the hold: an allocation there costs nothing that counts.)
  const e = new Float64Array(n);
  for (let i = first; i <= upIdx; i++) {
    ring.updateCentred(i, half);
    e[i - first] = ring.lastCentred - lineAt(line, ring.t(i));
  }
  for (let b = upIdx - 1; b > first; b--) {
    // The longest stretch ending at b that stays within a band 2δ wide.
    let lo = e[b - first];
    let hi = lo;
    let a = b;
    for (; a > first; a--) {
      const v = e[a - 1 - first];
      if (Math.max(hi, v) - Math.min(lo, v) > 2 * delta) break;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const standMs = ring.t(b) - ring.t(a);
    if (standMs < MIN_STAND_MS) continue;
    let sum = 0;
    let aboveRest = 0;
    for (let i = a; i <= b; i++) {
      sum += e[i - first];
      aboveRest += ring.centred(i, half) - lineAt(rest.line, ring.t(i));
    }
    const level = sum / (b - a + 1);
    if (!(level > 2 * delta) || level > maxLevel || !(aboveRest / (b - a + 1) > rest.band)) return dep;
    // Above the line from the onset to the stand's end at the stand's start, by L · stand / (end − onset).
    const climbMs = ring.t(a) - dep.tMs;
    if (!(climbMs > 0) || (level * standMs) / (ring.t(b) - dep.tMs) < delta) return dep;
    const pace = (e[n - 1] - level) / Math.max(ring.t(upIdx) - ring.t(b), 1e-6);
    if (pace < (STAND_STEEPER * level) / climbMs) return dep;
    const stand: Line = { level: line.level + level, slopePerMs: line.slopePerMs, t0: line.t0 };
    let departIdx = b;
    for (let i = upIdx; i > b; i--) {
      if (e[i - first] - level <= delta) {
        departIdx = i;
        break;
      }
    }
    const t1 = crossingForward(ring, departIdx, upIdx, stand, delta, 1, half);
    const t3 = crossingForward(ring, departIdx, upIdx, stand, 3 * delta, 1, half);
    let tMs = Number.isNaN(t1) ? ring.t(departIdx) : t1;
    if (!Number.isNaN(t3) && t3 > t1) tMs = t1 - (t3 - t1) / 2;
    tMs = Math.max(tMs, ring.t(a));
    return { tMs, level: lineAt(stand, tMs), reference: stand, delta };
  }
  return dep;
}

/**
 * On a sensor that reads in steps (see `riseFromStep`), a rise out of one step above the level
 * before it began where it left that step if the reading stood there this long, ms …
 */
const MIN_STEP_STAND_MS = 250;
/**
 * … and this many times as long as the climb after it takes per step: a squeeze read in stairs
 * stands on each step about as long as on the next (a weak, slow one a few hundred ms on each).
 */
const STEP_STAND_SLOWER = 3;

/**
 * A rise walked back (`dep`, from its rising crossing at `upIdx`) on a sensor that reads in steps
 * of `step` coarser than a departure (a probe with a dozen levels). Resting near the edge between
 * two levels, the reading jumps a whole step with the smallest movement: a breath lifts it one
 * level, where it may stay until the squeeze, and the walk back ends at that jump. When the
 * reading stood at that one level, a step above the level before it, long before the squeeze's
 * own climb (MIN_STEP_STAND_MS, and STEP_STAND_SLOWER times as long as the climb takes per step),
 * the squeeze began where it left it: back along the climb through δ and 3δ over the step, as
 * `findDeparture` finds a departure. Otherwise `dep` unchanged.
 */
export function riseFromStep(ring: SampleRing, dep: Departure, upIdx: number, step: number, tune: EdgeTuning): Departure {
  if (!(step > 0)) return dep;
  const before = dep.reference;
  const over = (i: number) => ring.p(i) - lineAt(before, ring.t(i));
  let a = Math.max(ring.indexAtOrAfter(dep.tMs, ring.oldest, upIdx), ring.oldest);
  while (a < upIdx && !(over(a) > 0.5 * step)) a++;
  const level = ring.p(a);
  if (!(Math.abs(over(a) - step) <= 0.5 * step)) return dep;
  let b = a;
  while (b < upIdx && !ring.gapBefore(b + 1) && Math.abs(ring.p(b + 1) - level) < 0.5 * step) b++;
  const climbed = ring.p(upIdx) - level;
  if (b >= upIdx || ring.gapBefore(b + 1) || !(climbed > 0)) return dep;
  const standMs = ring.t(b) - ring.t(a);
  const perStepMs = (step * (ring.t(upIdx) - ring.t(b))) / climbed;
  if (!(standMs >= MIN_STEP_STAND_MS && standMs >= STEP_STAND_SLOWER * perStepMs)) return dep;
  const half = tune.smoothHalfMs;
  const stand: Line = { level, slopePerMs: 0, t0: ring.t(b) };
  const delta = dep.delta;
  const t1 = crossingForward(ring, b, upIdx, stand, delta, 1, half);
  const t3 = crossingForward(ring, b, upIdx, stand, 3 * delta, 1, half);
  let tMs = Number.isNaN(t1) ? ring.t(b) : t1;
  if (!Number.isNaN(t3) && t3 > t1) tMs = t1 - (t3 - t1) / 2;
  tMs = Math.max(tMs, ring.t(a));
  return { tMs, level, reference: stand, delta };
}

/**
 * The stand a rise left, walking back from its rising crossing at `upIdx` through the stretch in
 * which the centred pressure stays within `near` of `level`: the part of it nearest the rise that
 * stood still, within a band `2 · still` wide, for at least `minMs` (a rise merely passing that
 * level, even a slow one, does not stand still so long). Its first and last index, or null.
 */
export function standBefore(
  ring: SampleRing,
  lo: number,
  upIdx: number,
  level: Line,
  near: number,
  still: number,
  minMs: number,
  halfMs: number,
): { from: number; to: number } | null {
  const bound = Math.max(lo, ring.oldest);
  const excess = (i: number) => {
    ring.updateCentred(i, halfMs);
    return ring.lastCentred - lineAt(level, ring.t(i));
  };
  let i = upIdx;
  while (i > bound && !(Math.abs(excess(i)) <= near)) i--;
  for (let b = i; b > bound && Math.abs(excess(b)) <= near; b--) {
    let low = excess(b);
    let high = low;
    let a = b;
    for (; a > bound && !ring.gapBefore(a); a--) {
      const v = excess(a - 1);
      if (Math.abs(v) > near || Math.max(high, v) - Math.min(low, v) > 2 * still) break;
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
    if (ring.t(b) - ring.t(a) >= minMs) return { from: a, to: b };
    if (ring.gapBefore(b)) return null;
  }
  return null;
}

/**
 * Time of the last sample at or before `cross` (not before `from`) whose centred pressure stood
 * within the anchor's band; the crossing itself when the pressure never got that low (a rise
 * from a crest of the breathing wave or from a cough's tail: the passes then start there).
 */
function lastWithin(ring: SampleRing, from: number, cross: number, anchor: RestAnchor, halfMs: number): number {
  for (let i = cross; i >= from; i--) {
    ring.updateCentred(i, halfMs);
    if (ring.lastCentred - lineAt(anchor.line, ring.t(i)) <= anchor.band) return ring.t(i);
  }
  return ring.t(cross);
}

function deltaOf(fit: LineFit, tune: EdgeTuning): number {
  return Math.max(tune.minDepartureCmH2O, tune.departureSds * fit.sd);
}

/**
 * Walks back from `cross` to the last sample that stood within δ of the reference line, or to
 * the trough before the edge if it never got that low (a rise from a cough's tail, or from a
 * level left raised).
 */
function walkBack(ring: SampleRing, from: number, cross: number, fit: Line, dir: 1 | -1, delta: number, halfMs: number): number {
  ring.updateCentred(cross, halfMs);
  const eCross = dir * (ring.lastCentred - lineAt(fit, ring.t(cross)));
  let trough = Infinity;
  let troughIdx = cross;
  for (let i = cross; i > from; i--) {
    ring.updateCentred(i, halfMs);
    const e = dir * (ring.lastCentred - lineAt(fit, ring.t(i)));
    if (e <= delta) return i;
    if (e < trough) {
      trough = e;
      troughIdx = i;
    } else if (e > trough + Math.max(delta, TROUGH_REBOUND * (eCross - trough))) return troughIdx;
  }
  return from;
}

interface LineFit extends Line {
  /** Residual standard deviation of the smoothed samples around the line, cmH2O. */
  readonly sd: number;
}

/** The smoothed samples a line is fitted to, kept for its residuals (grown when a window needs more). */
let fitValues = new Float64Array(1024);

/** Least-squares line through the centred-smoothed samples [a, b]. */
function fitLine(ring: SampleRing, a: number, b: number, halfMs: number): LineFit {
  if (b - a + 1 > fitValues.length) fitValues = new Float64Array(2 * (b - a + 1));
  const ys = fitValues;
  const t0 = ring.t(b);
  let n = 0;
  let st = 0;
  let sy = 0;
  let stt = 0;
  let sty = 0;
  for (let i = a; i <= b; i++) {
    const t = ring.t(i) - t0;
    ring.updateCentred(i, halfMs);
    const y = ring.lastCentred;
    ys[i - a] = y;
    n++;
    st += t;
    sy += y;
    stt += t * t;
    sty += t * y;
  }
  const den = n * stt - st * st;
  const slope = den > 0 ? (n * sty - st * sy) / den : 0;
  const level = (sy - slope * st) / n;
  let ss = 0;
  for (let i = a; i <= b; i++) {
    const r = ys[i - a] - level - slope * (ring.t(i) - t0);
    ss += r * r;
  }
  return { level, slopePerMs: slope, t0, sd: Math.sqrt(ss / Math.max(1, n - 2)) };
}

function interpolateZero(tA: number, vA: number, tB: number, vB: number): number {
  if (vB === vA) return tB;
  return tA + ((tB - tA) * (0 - vA)) / (vB - vA);
}
