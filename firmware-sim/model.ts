/**
 * A physiological model of a person with a pressure probe in place: the "virtual user".
 *
 * The main channel reads the pelvic-floor squeeze plus everything abdominal pressure does to a
 * balloon probe (breathing, coughs, bearing down); the optional reference channel reads
 * abdominal pressure only (see shared/reference/protocols.md, "Straining and bearing down").
 *
 * Deterministic for a given seed and the same sequence of `sampleAt` times. Usable in Node and
 * the browser (no platform APIs).
 */

/** Small, fast, seedable PRNG (mulberry32); the same seed gives the same stream everywhere. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviate (Box–Muller). */
export function gaussian(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export interface RestProfile {
  /** Absolute reading at rest: 0 for a tared probe, about 1033 for an absolute sensor. */
  levelCmH2O: number;
  /** Peak amplitude of the breathing wave on the main channel. */
  breathAmpCmH2O: number;
  /** Breathing rate, Hz (0.2–0.3 at rest). */
  breathHz: number;
  /** White measurement noise, standard deviation. */
  noiseCmH2O: number;
  /** Linear drift of the probe's air volume or temperature, cmH2O per minute (either sign). */
  driftCmH2OPerMin: number;
  /** Slow random wander (Ornstein–Uhlenbeck, ~20 s time constant), standard deviation. */
  wanderCmH2O: number;
  /** Fraction of abdominal pressure (breathing, coughs, straining) the main channel also reads. */
  abdominalCoupling: number;
  /** Whether the probe has a second, abdominal reference channel. */
  hasReference: boolean;
}

export const DEFAULT_REST: RestProfile = {
  levelCmH2O: 0,
  breathAmpCmH2O: 0.6,
  breathHz: 0.25,
  noiseCmH2O: 0.2,
  driftCmH2OPerMin: 0.5,
  wanderCmH2O: 0.3,
  abdominalCoupling: 0.8,
  hasReference: false,
};

/** How the pressure rises (and falls): muscles differ, and so do probes. */
export type RampShape = 'cosine' | 'sigmoid' | 'exponential' | 'linear';

export interface Squeeze {
  /** True onset: the start of the rise, ms. */
  startMs: number;
  /** Rise above rest the squeeze reaches, cmH2O. */
  peakCmH2O: number;
  /** Time from onset to the top of the rise, ms. */
  riseMs: number;
  /** Time held after the rise, ms. */
  holdMs: number;
  /** Fraction of the peak lost by the end of the hold (0 = steady). */
  fade: number;
  /** Time to let go, ms. */
  releaseMs: number;
  /** Unsteadiness of the hold (4–8 Hz tremor), cmH2O. */
  tremorCmH2O: number;
  riseShape: RampShape;
  releaseShape: RampShape;
  /** Level left behind after the release (not relaxing), cmH2O; it decays with `residualTauMs`. */
  residualCmH2O: number;
  residualTauMs: number;
  /** Abdominal pressure that comes with the squeeze (bearing down), cmH2O; 0 for a correct squeeze. */
  strainCmH2O: number;
  /** Quick extra squeezes at the end of the hold (Bø's progression). */
  flicks: number;
}

export const DEFAULT_SQUEEZE: Omit<Squeeze, 'startMs'> = {
  peakCmH2O: 30,
  riseMs: 500,
  holdMs: 5000,
  fade: 0.1,
  releaseMs: 600,
  tremorCmH2O: 0.6,
  riseShape: 'cosine',
  releaseShape: 'cosine',
  residualCmH2O: 0,
  residualTauMs: 8000,
  strainCmH2O: 0,
  flicks: 0,
};

/** A cough, laugh or sneeze: a short spike of abdominal pressure, on both channels. */
export interface Cough {
  atMs: number;
  amplitudeCmH2O: number;
  /** Full width of the spike, ms (a few hundred). */
  widthMs: number;
}

/**
 * A change of position: the resting level moves by `cmH2O` (either sign) over `rampMs` and stays
 * (protocols.md: "A change of body position also moves the resting level").
 */
export interface LevelShift {
  atMs: number;
  cmH2O: number;
  rampMs: number;
}

/**
 * A lapse within a long hold: the squeeze is partly lost (by `fraction` of what it held) and
 * caught again, over `durationMs` (a cosine bump). Part of the same squeeze, not a new one.
 */
export interface HoldDip {
  atMs: number;
  fraction: number;
  durationMs: number;
}

/** The noise-free facts about one squeeze, in the definitions of shared/reference/signal.md. */
export interface SqueezeTruth {
  onsetMs: number;
  peakMs: number;
  peakCmH2O: number;
  durationMs: number;
  releaseMs: number;
  riseTimeMs: number;
  holdFade: number;
  /** Reference rise ≥ 50 % of the main channel's rise. */
  straining: boolean;
}

const FLICK_MS = 700;
/** Time constant over which probe drift levels off, ms. */
const DRIFT_TAU_MS = 20 * 60_000;

function ramp(shape: RampShape, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  switch (shape) {
    case 'cosine':
      return 0.5 - 0.5 * Math.cos(Math.PI * x);
    case 'sigmoid': {
      // Logistic rescaled to pass exactly through 0 and 1.
      const k = 10;
      const lo = 1 / (1 + Math.exp(k / 2));
      return (1 / (1 + Math.exp(-k * (x - 0.5))) - lo) / (1 - 2 * lo);
    }
    case 'exponential':
      return (1 - Math.exp(-4 * x)) / (1 - Math.exp(-4));
    case 'linear':
      return x;
  }
}

/** End of the active part (rise, hold, flicks, release) of a squeeze. */
export function squeezeEndMs(s: Squeeze): number {
  return s.startMs + s.riseMs + s.holdMs + s.flicks * FLICK_MS + s.releaseMs;
}

/**
 * Pelvic-floor component of a squeeze at time t, without tremor or strain (noise-free), cmH2O.
 * The residual after a release that does not let go is included.
 */
export function squeezeShape(s: Squeeze, t: number, withResidual = true): number {
  const dt = t - s.startMs;
  if (dt <= 0) return 0;
  if (dt < s.riseMs) return s.peakCmH2O * ramp(s.riseShape, dt / s.riseMs);
  const holdT = dt - s.riseMs;
  const holdEnd = s.holdMs + s.flicks * FLICK_MS;
  const endLevel = s.peakCmH2O * (1 - s.fade);
  if (holdT < s.holdMs) return s.peakCmH2O * (1 - (s.fade * holdT) / Math.max(s.holdMs, 1));
  if (holdT < holdEnd) {
    // Each flick: drop a little, then squeeze quickly back up.
    const ph = ((holdT - s.holdMs) % FLICK_MS) / FLICK_MS;
    return endLevel * (1 - 0.35 * Math.sin(Math.PI * ph));
  }
  const relT = holdT - holdEnd;
  if (relT < s.releaseMs) {
    const residual = withResidual ? s.residualCmH2O : 0;
    return endLevel + (residual - endLevel) * ramp(s.releaseShape, relT / s.releaseMs);
  }
  if (!withResidual || s.residualCmH2O === 0) return 0;
  return s.residualCmH2O * Math.exp(-(relT - s.releaseMs) / s.residualTauMs);
}

/** Abdominal pressure a straining squeeze adds: it follows the squeeze's own envelope. */
function strainShape(s: Squeeze, t: number): number {
  if (s.strainCmH2O === 0 || s.peakCmH2O === 0) return 0;
  const dt = t - s.startMs;
  if (dt <= 0 || t >= squeezeEndMs(s)) return 0;
  const envelope = Math.min(1, squeezeShape(s, t, false) / s.peakCmH2O);
  return s.strainCmH2O * envelope;
}

function coughShape(c: Cough, t: number): number {
  const x = (t - c.atMs) / c.widthMs;
  if (x <= 0 || x >= 1) return 0;
  // Fast rise, slower fall: the shape of a cough on a balloon probe.
  return c.amplitudeCmH2O * Math.pow(Math.sin(Math.PI * Math.pow(x, 0.6)), 2);
}

/**
 * The measures of signal.md on a noise-free curve `at(t)` (cmH2O above rest) of one squeeze,
 * sampled at 1 ms over [startMs, endMs]; the hold runs from `holdStartMs` to `releaseMs`.
 * Shared by every simulator that labels recordings, so all truths follow one definition.
 */
export function measureCurve(
  at: (t: number) => number,
  span: { startMs: number; endMs: number; holdStartMs: number; releaseMs: number },
): Omit<SqueezeTruth, 'straining'> {
  const { startMs, endMs, holdStartMs, releaseMs } = span;
  let peak = 0;
  let peakMs = startMs;
  for (let t = startMs; t <= endMs; t++) {
    const v = at(t);
    if (v > peak) {
      peak = v;
      peakMs = t;
    }
  }
  const firstUp = (level: number) => {
    for (let t = startMs; t <= peakMs; t++) if (at(t) >= level) return t;
    return peakMs;
  };
  let down50 = peakMs;
  for (let t = endMs; t >= peakMs; t--) {
    if (at(t) >= peak / 2) {
      down50 = t;
      break;
    }
  }
  let lastSecond = 0;
  let n = 0;
  for (let t = Math.max(releaseMs - 1000, holdStartMs); t < releaseMs; t++, n++) lastSecond += at(t);
  return {
    onsetMs: startMs,
    peakMs,
    peakCmH2O: peak,
    durationMs: down50 - firstUp(peak / 2),
    releaseMs,
    riseTimeMs: firstUp(0.9 * peak) - firstUp(0.1 * peak),
    holdFade: n > 0 ? 1 - lastSecond / n / peak : 0,
  };
}

/** 10–90 % rise time ÷ riseMs, per ramp shape (noise-free model). */
const riseRatio = new Map<RampShape, number>();

/** The model rise (riseMs) whose 10–90 % rise time is `riseTimeMs`, for a ramp shape. */
export function riseMsFor(shape: RampShape, riseTimeMs: number): number {
  let r = riseRatio.get(shape);
  if (r === undefined) {
    const probe: Squeeze = {
      startMs: 0,
      peakCmH2O: 10,
      riseMs: 1000,
      holdMs: 1000,
      fade: 0,
      releaseMs: 500,
      tremorCmH2O: 0,
      riseShape: shape,
      releaseShape: 'cosine',
      residualCmH2O: 0,
      residualTauMs: 1,
      strainCmH2O: 0,
      flicks: 0,
    };
    r = squeezeTruth(probe, 0).riseTimeMs / 1000;
    riseRatio.set(shape, r);
  }
  return riseTimeMs / r;
}

/**
 * Ground truth of a squeeze as it appears on the main channel (pelvic part plus the abdominal
 * part the probe also reads), noise-free.
 */
export function squeezeTruth(s: Squeeze, abdominalCoupling: number): SqueezeTruth {
  const at = (t: number) => squeezeShape(s, t, false) + abdominalCoupling * strainShape(s, t);
  const releaseMs = s.startMs + s.riseMs + s.holdMs + s.flicks * FLICK_MS;
  const truth = measureCurve(at, { startMs: s.startMs, endMs: squeezeEndMs(s), holdStartMs: s.startMs + s.riseMs, releaseMs });
  return { ...truth, straining: s.strainCmH2O >= 0.5 * truth.peakCmH2O };
}

/**
 * The virtual user: rests, breathes, drifts, squeezes and coughs. Squeezes and coughs can be
 * added at any time (a user following live cues), but `sampleAt` must be called with
 * non-decreasing times.
 */
export class VirtualUser {
  readonly rest: RestProfile;
  readonly squeezes: Squeeze[] = [];
  readonly coughs: Cough[] = [];
  readonly shifts: LevelShift[] = [];
  readonly dips: HoldDip[] = [];
  private readonly rng: () => number;
  private lastT = Number.NaN;
  private wander = 0;
  private tremorPhase: number[];
  private tremorHz: number[];
  private breathPhase = 0;
  private breathAmp: number;

  constructor(seed: number, rest: Partial<RestProfile> = {}) {
    this.rest = { ...DEFAULT_REST, ...rest };
    this.rng = createRng(seed);
    this.tremorHz = [4 + 4 * this.rng(), 4 + 4 * this.rng(), 1 + this.rng()];
    this.tremorPhase = this.tremorHz.map(() => 2 * Math.PI * this.rng());
    this.breathPhase = 2 * Math.PI * this.rng();
    this.breathAmp = this.rest.breathAmpCmH2O;
  }

  get hasReference(): boolean {
    return this.rest.hasReference;
  }

  squeeze(s: Partial<Squeeze> & { startMs: number }): Squeeze {
    const full: Squeeze = { ...DEFAULT_SQUEEZE, ...s };
    this.squeezes.push(full);
    return full;
  }

  cough(c: Cough): void {
    this.coughs.push(c);
  }

  shift(c: LevelShift): void {
    this.shifts.push(c);
  }

  dip(d: HoldDip): void {
    this.dips.push(d);
  }

  /** Drop squeezes and coughs whose effect ended before tMs (keeps an endless stream bounded). */
  forgetBefore(tMs: number): void {
    const alive = (s: Squeeze) => squeezeEndMs(s) + 10 * s.residualTauMs > tMs;
    for (let i = this.squeezes.length - 1; i >= 0; i--) if (!alive(this.squeezes[i])) this.squeezes.splice(i, 1);
    for (let i = this.coughs.length - 1; i >= 0; i--) if (this.coughs[i].atMs + this.coughs[i].widthMs < tMs) this.coughs.splice(i, 1);
  }

  /** Ground truth for every squeeze so far, as the main channel shows it. */
  truth(): SqueezeTruth[] {
    return this.squeezes.map((s) => {
      const tr = squeezeTruth(s, this.rest.abdominalCoupling);
      // Peaks from the resting level (signal.md): a squeeze begun before the last one was let go
      // stands on what that one left behind.
      const under = this.squeezes.reduce((sum, o) => (o === s ? sum : sum + squeezeShape(o, tr.peakMs)), 0);
      return under === 0 ? tr : { ...tr, peakCmH2O: tr.peakCmH2O + under };
    });
  }

  /** The pressure the probe reads at device time tMs. Allocates nothing. */
  sampleAt(tMs: number, out: { main: number; ref: number }): void {
    const r = this.rest;
    const dt = Number.isNaN(this.lastT) ? 0 : Math.max(0, tMs - this.lastT);
    this.lastT = tMs;
    if (dt > 0) {
      // Ornstein–Uhlenbeck wander, exact discretisation.
      const a = Math.exp(-dt / 20000);
      this.wander = a * this.wander + r.wanderCmH2O * Math.sqrt(1 - a * a) * gaussian(this.rng);
      // Breathing depth changes a little from breath to breath.
      this.breathAmp += (dt / 5000) * (r.breathAmpCmH2O - this.breathAmp) + 0.02 * Math.sqrt(dt / 100) * gaussian(this.rng) * r.breathAmpCmH2O;
      this.breathPhase += 2 * Math.PI * r.breathHz * (dt / 1000) * (1 + 0.05 * gaussian(this.rng));
    }
    const breath = Math.max(0, this.breathAmp) * Math.sin(this.breathPhase);
    let pelvic = 0;
    let abdominal = 0;
    for (let i = 0; i < this.squeezes.length; i++) {
      const s = this.squeezes[i];
      if (tMs <= s.startMs) continue;
      const v = squeezeShape(s, tMs);
      if (v === 0) continue;
      pelvic += v;
      if (tMs < squeezeEndMs(s) && s.tremorCmH2O > 0) {
        const holding = Math.min(1, v / Math.max(s.peakCmH2O, 1e-9));
        let tremor = 0;
        for (let k = 0; k < this.tremorHz.length; k++) tremor += Math.sin(2 * Math.PI * this.tremorHz[k] * (tMs / 1000) + this.tremorPhase[k]);
        pelvic += s.tremorCmH2O * holding * (tremor / this.tremorHz.length) * 1.4;
      }
      abdominal += strainShape(s, tMs);
    }
    for (let i = 0; i < this.coughs.length; i++) abdominal += coughShape(this.coughs[i], tMs);
    let moved = 0;
    for (let i = 0; i < this.shifts.length; i++) {
      const c = this.shifts[i];
      moved += c.cmH2O * ramp('cosine', (tMs - c.atMs) / Math.max(c.rampMs, 1));
    }
    for (let i = 0; i < this.dips.length; i++) {
      const d = this.dips[i];
      const x = (tMs - d.atMs) / d.durationMs;
      if (x > 0 && x < 1) pelvic *= 1 - d.fraction * Math.sin(Math.PI * x) ** 2;
    }
    // Linear at first (several cmH2O over a session), levelling off over tens of minutes as a
    // probe's air warms to body temperature, so an endless demo does not drift off the chart.
    const drift = (r.driftCmH2OPerMin * DRIFT_TAU_MS * (1 - Math.exp(-tMs / DRIFT_TAU_MS))) / 60000;
    out.main = r.levelCmH2O + moved + drift + this.wander + breath + pelvic + r.abdominalCoupling * abdominal + r.noiseCmH2O * gaussian(this.rng);
    out.ref = r.hasReference ? r.levelCmH2O + moved + breath / Math.max(r.abdominalCoupling, 0.1) + abdominal + r.noiseCmH2O * gaussian(this.rng) : Number.NaN;
  }
}

/**
 * One free-practice squeeze of the given strength at startMs, varied in rise, hold, fade and
 * release, and now and then a cough after it. Returns when the next squeeze may start.
 */
export function practiseOnce(user: VirtualUser, startMs: number, peakCmH2O: number, rng: () => number): number {
  const s = user.squeeze({
    startMs,
    peakCmH2O,
    riseMs: 300 + 500 * rng(),
    holdMs: 3000 + 3000 * rng(),
    fade: 0.05 + 0.2 * rng(),
    releaseMs: 400 + 500 * rng(),
  });
  if (rng() < 0.25) user.cough({ atMs: squeezeEndMs(s) + 2000 + 1500 * rng(), amplitudeCmH2O: 25 + 30 * rng(), widthMs: 250 + 200 * rng() });
  return squeezeEndMs(s) + 4000 + 3000 * rng();
}

/**
 * An endless, varied "free practice" user for the in-app simulated sensor: squeezes every
 * 10–14 s with varied strength and hold, now and then coughs. Plans a few seconds ahead and
 * forgets what is long past, so memory stays bounded however long it runs.
 */
export function createDemoUser(seed: number, rest: Partial<RestProfile> = {}): VirtualUser & { sampleAt: VirtualUser['sampleAt'] } {
  const user = new VirtualUser(seed, rest);
  const rng = createRng(seed ^ 0x5eed);
  // A few seconds of rest first, as a person settles with the probe.
  let nextMs = 4000;
  const plan = (tMs: number) => {
    while (nextMs < tMs + 3000) nextMs = practiseOnce(user, nextMs, 22 + 14 * rng(), rng);
    user.forgetBefore(tMs - 60000);
  };
  const sampleAt = user.sampleAt.bind(user);
  user.sampleAt = (tMs, out) => {
    if (tMs + 3000 > nextMs) plan(tMs);
    sampleAt(tMs, out);
  };
  return user;
}
