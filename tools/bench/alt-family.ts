/**
 * A held-out family of labelled recordings, generated differently from the simulator in every
 * respect the detector could have been tuned to, and never looked at while tuning:
 *
 * - squeeze shapes: minimum-jerk rise with an overshoot that settles, or a fast-then-slow rise;
 *   exponential (first-order) release; a hold that fades exponentially and wobbles at 0.3–0.8 Hz
 *   with an 8–12 Hz tremor;
 * - rest: irregular, asymmetric breathing (faster in than out) with a varying rate and the odd
 *   sigh; a probe that warms up after insertion (exponential settling), drift whose rate wanders;
 * - noise: coloured (1/f-like, a sum of AR(1) processes) plus white, quantised like a device
 *   reporting counts;
 * - artefacts: cough bouts (2–3 coughs), symmetric Gaussian spikes, laughs;
 * - situations: a session that starts while the user is already squeezing (or squeezes at once),
 *   slow rises (10–90 % over 1.0–1.5 s);
 * - link: device rates from a discrete set, samples stamped on packet arrival and spread back
 *   over the packet, bursty losses.
 *
 * Its truth uses the definitions of shared/reference/signal.md on the noise-free squeeze, like
 * the simulator's `squeezeTruth`.
 */
import { createRng, gaussian, measureCurve } from '../../firmware-sim/model.ts';
import type { SampleBatch } from '../../src/pipeline/types.ts';
import { dice, type LabelledRecording, type SqueezeKind, type TrueRep } from './labelled.ts';

interface AltSqueeze {
  readonly kind: SqueezeKind;
  readonly startMs: number;
  readonly peakCmH2O: number;
  readonly riseMs: number;
  /** Fast-then-slow rise instead of minimum jerk. */
  readonly fastStart: boolean;
  /** Overshoot at the end of the rise, fraction of the peak, settling with `settleMs`. */
  readonly overshoot: number;
  readonly settleMs: number;
  readonly holdMs: number;
  /** Fraction lost over the hold (exponential). */
  readonly fade: number;
  readonly wobbleCmH2O: number;
  readonly wobbleHz: number;
  readonly tremorCmH2O: number;
  readonly tremorHz: number;
  /** First-order release time constant, ms. */
  readonly releaseTauMs: number;
  readonly residualCmH2O: number;
  readonly residualTauMs: number;
  /** Abdominal pressure with the squeeze (bearing down), cmH2O, following the squeeze with a lag. */
  readonly strainCmH2O: number;
  readonly strainLagMs: number;
}

interface Spike {
  readonly atMs: number;
  readonly amplitudeCmH2O: number;
  /** Standard deviation of the Gaussian spike, ms. */
  readonly sdMs: number;
}

/** Noise-free pelvic part of a squeeze (no wobble or tremor), with or without its residual. */
function pelvic(s: AltSqueeze, t: number, withResidual: boolean): number {
  const dt = t - s.startMs;
  if (dt <= 0) return 0;
  const top = s.peakCmH2O * (1 + s.overshoot);
  if (dt < s.riseMs) {
    const x = dt / s.riseMs;
    const shape = s.fastStart ? 1 - Math.pow(1 - x, 2.5) : x * x * x * (10 - 15 * x + 6 * x * x);
    return top * shape;
  }
  const holdT = dt - s.riseMs;
  const settled = s.peakCmH2O + (top - s.peakCmH2O) * Math.exp(-holdT / s.settleMs);
  if (holdT < s.holdMs) return settled * faded(s, holdT);
  const endLevel = (s.peakCmH2O + (top - s.peakCmH2O) * Math.exp(-s.holdMs / s.settleMs)) * faded(s, s.holdMs);
  const relT = holdT - s.holdMs;
  const residual = withResidual ? s.residualCmH2O * Math.exp(-relT / s.residualTauMs) : 0;
  return residual + (endLevel - (withResidual ? s.residualCmH2O : 0)) * Math.exp(-relT / s.releaseTauMs);
}

/** Fraction of the hold left after h ms: it fades exponentially, by `fade` at the end of the hold. */
function faded(s: AltSqueeze, h: number): number {
  return 1 - (s.fade * (1 - Math.exp(-h / (0.5 * s.holdMs)))) / (1 - Math.exp(-2));
}

function releaseAt(s: AltSqueeze): number {
  return s.startMs + s.riseMs + s.holdMs;
}

/** End of the active part: the release has decayed to under 2 % of the hold. */
function activeEnd(s: AltSqueeze): number {
  return releaseAt(s) + 4 * s.releaseTauMs;
}

/** After this the squeeze (and what it left behind) no longer adds anything measurable. */
function liveUntil(s: AltSqueeze): number {
  return activeEnd(s) + s.strainLagMs + 12 * Math.max(s.releaseTauMs, s.residualCmH2O > 0 ? s.residualTauMs : 0);
}

function strain(s: AltSqueeze, t: number): number {
  if (s.strainCmH2O === 0) return 0;
  return (s.strainCmH2O * pelvic(s, t - s.strainLagMs, false)) / s.peakCmH2O;
}

function spike(c: Spike, t: number): number {
  const z = (t - c.atMs) / c.sdMs;
  return Math.abs(z) > 5 ? 0 : c.amplitudeCmH2O * Math.exp(-0.5 * z * z);
}

/** Truth in the definitions of signal.md, from the noise-free main-channel part of a squeeze. */
function truthOf(s: AltSqueeze, coupling: number): TrueRep {
  const end = activeEnd(s) + s.strainLagMs;
  const release = releaseAt(s);
  const truth = measureCurve((t) => pelvic(s, t, false) + coupling * strain(s, t), {
    startMs: s.startMs,
    endMs: end,
    holdStartMs: s.startMs + s.riseMs,
    releaseMs: release,
  });
  let strainPeak = 0;
  for (let t = s.startMs; t <= end; t++) strainPeak = Math.max(strainPeak, strain(s, t));
  return { ...truth, kind: s.kind, straining: strainPeak >= 0.5 * truth.peakCmH2O, endMs: activeEnd(s) };
}

/** 10–90 % rise time as a fraction of riseMs, for the two rise shapes (no overshoot). */
function riseTimeFraction(fastStart: boolean): number {
  const shape = (x: number) => (fastStart ? 1 - Math.pow(1 - x, 2.5) : x * x * x * (10 - 15 * x + 6 * x * x));
  const first = (level: number) => {
    let x = 0;
    while (shape(x) < level) x += 1e-4;
    return x;
  };
  return first(0.9) - first(0.1);
}

const RATES_HZ = [20, 25, 32, 40, 50, 64, 100] as const;
const KINDS: readonly SqueezeKind[] = ['normal', 'normal', 'weak', 'speed', 'back-to-back', 'endurance'];

export function familySession(seed: number): LabelledRecording {
  const rng = createRng(seed * 104729 + 3);
  const main = dice(rng);
  const { uniform, pick, chance } = main;
  // The situations added later (a squeeze at the start, slow rises) are drawn from their own
  // generator, so every other draw of a seed is what it always was.
  const more = dice(createRng(seed * 15485863 + 5));
  const gauss = () => gaussian(rng);
  const hasReference = chance(0.4);
  const coupling = uniform(0.6, 1.2);
  const squeezes: AltSqueeze[] = [];
  const spikes: Spike[] = [];
  let t = uniform(4000, 8000);
  const nReps = 5 + Math.floor(rng() * 5);
  const make = (kind: SqueezeKind, startMs: number, extra: Partial<AltSqueeze> = {}, { uniform, chance } = main): AltSqueeze => {
    const peak = kind === 'weak' ? uniform(6, 10) : kind === 'endurance' ? uniform(12, 35) : uniform(12, 70);
    const s: AltSqueeze = {
      kind,
      startMs,
      peakCmH2O: peak,
      riseMs: kind === 'speed' ? uniform(120, 350) : uniform(200, 1100),
      fastStart: chance(0.5),
      overshoot: chance(0.5) ? uniform(0.05, 0.25) : 0,
      settleMs: uniform(300, 900),
      holdMs: kind === 'speed' ? uniform(1500, 2500) : kind === 'endurance' ? uniform(25000, 70000) : uniform(2500, 9000),
      fade: kind === 'endurance' ? uniform(0.15, 0.5) : uniform(0, 0.35),
      wobbleCmH2O: peak * uniform(0, 0.05),
      wobbleHz: uniform(0.3, 0.8),
      tremorCmH2O: peak * uniform(0.005, 0.03),
      tremorHz: uniform(8, 12),
      releaseTauMs: kind === 'speed' ? uniform(60, 150) : uniform(100, 400),
      residualCmH2O: 0,
      residualTauMs: 6000,
      strainCmH2O: kind === 'straining' ? peak * uniform(0.7, 1.6) : hasReference ? peak * uniform(0, 0.25) : 0,
      strainLagMs: uniform(0, 200),
      ...extra,
    };
    squeezes.push(s);
    return s;
  };
  if (more.chance(0.2)) {
    // The app connects while the user is already squeezing, or she squeezes at once; the next
    // squeeze comes a few seconds after it and must be found all the same.
    const s = make('at-start', more.uniform(-3000, 2000), { holdMs: more.uniform(4000, 9000) }, more);
    t = Math.max(t, activeEnd(s) + more.uniform(3000, 8000));
  }
  for (let n = 0; n < nReps; n++) {
    let kind = pick(KINDS);
    if (hasReference && chance(0.3)) kind = 'straining';
    let s: AltSqueeze;
    if (kind === 'back-to-back') {
      const first = make(kind, t);
      squeezes[squeezes.length - 1] = { ...first, residualCmH2O: first.peakCmH2O * uniform(0.2, 0.45), residualTauMs: uniform(3000, 15000) };
      s = make(kind, activeEnd(first) + uniform(300, 2000));
    } else s = make(kind, t);
    if (kind === 'normal' && more.chance(0.3)) {
      // Tightening slowly: 10–90 % of the rise over 1.0–1.5 s.
      s = { ...s, kind: 'slow-rise', riseMs: more.uniform(1000, 1500) / riseTimeFraction(s.fastStart) };
      squeezes[squeezes.length - 1] = s;
    }
    t = activeEnd(s) + (kind === 'speed' ? uniform(1800, 3000) : uniform(Math.min(s.holdMs, 9000), Math.min(s.holdMs, 9000) + 6000));
    if (chance(0.5)) {
      const amp = (s.peakCmH2O * uniform(0.8, 2.5)) / coupling;
      const at = t - uniform(2000, 3500);
      const what = rng();
      if (what < 0.4) spikes.push({ atMs: at, amplitudeCmH2O: amp, sdMs: uniform(40, 110) });
      else if (what < 0.7)
        for (let k = 0; k < 2 + Math.floor(rng() * 2); k++)
          spikes.push({ atMs: at + k * uniform(300, 600), amplitudeCmH2O: amp * uniform(0.6, 1), sdMs: uniform(40, 90) });
      else
        for (let k = 0; k < 4 + Math.floor(rng() * 4); k++)
          spikes.push({ atMs: at + k * uniform(220, 320), amplitudeCmH2O: amp * uniform(0.3, 0.7), sdMs: uniform(30, 60) });
    }
  }
  const durationMs = t;

  // Rest: level, warm-up settling, wandering drift, breathing with sighs, coloured noise.
  const level = chance(0.5) ? uniform(-10, 20) : uniform(990, 1045);
  const warmUp = chance(0.5) ? uniform(2, 10) : 0;
  const warmTau = uniform(20000, 60000);
  let driftRate = uniform(-8, 8) / 60000;
  let drift = 0;
  const breathAmp = uniform(0.3, 2);
  let breathHz = uniform(0.15, 0.4);
  let phase = rng();
  let sighLeft = 0;
  const white = uniform(0.03, 0.5);
  const pinkSd = uniform(0.05, 0.4);
  const poles = [0.5, 0.95, 0.995];
  const ar = [0, 0, 0];
  const quantum = pick([0, 0.1, 0.25, 0.5]);
  const rateHz = pick(RATES_HZ);
  const dt = 1000 / rateHz;
  const quantise = (x: number) => (quantum > 0 ? Math.round(x / quantum) * quantum : x);

  const batches: SampleBatch[] = [];
  const perPacket = 1 + Math.floor(rng() * 6);
  const arrivalJitterMs = uniform(0, 15);
  let lossState = false;
  let lost = 0;
  let lastStamp = -Infinity;
  let tBuf: number[] = [];
  let pBuf: number[] = [];
  let rBuf: number[] = [];
  for (let k = 0; k * dt <= durationMs; k++) {
    const tDev = k * dt;
    // Breathing: asymmetric (faster in than out), rate and depth varying, the odd sigh.
    breathHz = Math.min(0.45, Math.max(0.12, breathHz + 0.002 * gauss()));
    const before = phase;
    phase = (phase + (breathHz * dt) / 1000) % 1;
    if (phase < before) sighLeft = chance(0.06) ? 1 : 0;
    const wave = phase < 0.4 ? Math.sin((Math.PI * phase) / 0.4 / 2) ** 2 : Math.cos((Math.PI * (phase - 0.4)) / 0.6 / 2) ** 2;
    const breath = breathAmp * (sighLeft ? uniform(1.5, 2) : 1) * (wave - 0.5);
    driftRate += (0.3 / 60000) * gauss() * Math.sqrt(dt / 1000);
    drift += driftRate * dt;
    let coloured = 0;
    for (let j = 0; j < 3; j++) {
      ar[j] = poles[j] * ar[j] + Math.sqrt(1 - poles[j] ** 2) * gauss();
      coloured += ar[j];
    }
    let squeeze = 0;
    let abdominal = 0;
    for (const s of squeezes) {
      if (tDev <= s.startMs || tDev > liveUntil(s)) continue;
      const v = pelvic(s, tDev, true);
      const holding = Math.min(1, v / s.peakCmH2O);
      const ts = tDev / 1000;
      squeeze += v + holding * (s.wobbleCmH2O * Math.sin(2 * Math.PI * s.wobbleHz * ts) + s.tremorCmH2O * Math.sin(2 * Math.PI * s.tremorHz * ts));
      abdominal += strain(s, tDev);
    }
    for (const c of spikes) if (Math.abs(tDev - c.atMs) < 5 * c.sdMs) abdominal += spike(c, tDev);
    const rest = level + warmUp * (1 - Math.exp(-tDev / warmTau)) + drift;
    const main = quantise(rest + breath + squeeze + coupling * abdominal + (pinkSd * coloured) / Math.sqrt(3) + white * gauss());
    const ref = hasReference ? quantise(level * 0.98 + breath / coupling + abdominal + white * gauss()) : Number.NaN;
    // Bursty losses: a lost packet makes the next one likelier to be lost.
    if (k % perPacket === 0) {
      if (tBuf.length > 0) {
        // Stamped on arrival, spread back over the packet at the nominal interval.
        const arrival = tDev + Math.abs(arrivalJitterMs * gauss());
        const stamps = tBuf.map((_, i) => arrival - (tBuf.length - 1 - i) * dt);
        const tArr = new Float64Array(stamps.length);
        for (let i = 0; i < stamps.length; i++) {
          lastStamp = Math.max(lastStamp + 0.01, stamps[i]);
          tArr[i] = lastStamp;
        }
        batches.push({ t: tArr, p: Float32Array.from(pBuf), ref: hasReference ? Float32Array.from(rBuf) : null, lostBefore: lost });
        lost = 0;
      }
      tBuf = [];
      pBuf = [];
      rBuf = [];
      lossState = chance(lossState ? 0.5 : 0.01);
    }
    if (lossState) {
      lost++;
      continue;
    }
    tBuf.push(tDev);
    pBuf.push(main);
    rBuf.push(ref);
  }
  // Peaks from the resting level (signal.md): a squeeze begun before the last one was let go
  // stands on what that one left behind.
  const truth = squeezes.map((s) => {
    const tr = truthOf(s, coupling);
    const under = squeezes.reduce((sum, o) => (o === s ? sum : sum + pelvic(o, tr.peakMs, true)), 0);
    return { ...tr, peakCmH2O: tr.peakCmH2O + under };
  });
  return { name: `family-${seed}`, batches, truth, hasReference, rateHz, durationMs, artefactMs: spikes.map((c) => c.atMs) };
}
