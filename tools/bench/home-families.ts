/**
 * What homes add: eight families of labelled recordings from the physiological simulator, each
 * stressing one thing people meet when they train at home, with its parameters drawn from the
 * ranges documented in shared/reference (protocols.md, signal.md) and issue #13:
 *
 * - `weak`: every maximal squeeze 8–20 cmH2O ("very weak" and "weak" bands, Angelo 2017);
 * - `position`: the resting level moves by 3–8 cmH2O (up or down), often with a jolt, and stays;
 * - `coarse`: slow and coarse sensors, 10–25 Hz, readings in steps of 0.5–1 cmH2O, arrival
 *   jitter up to 30 ms;
 * - `laughs`: laughing (bouts of 3–5 spikes over 1–2 s) and coughs between squeezes, at
 *   10–100 Hz: never reps;
 * - `endurance`: holds of 20–60 s that fade and dip (the squeeze partly lost and caught again,
 *   from 10 s into the hold on): one rep each, with its hold time;
 * - `gaps`: link drops of 1–4 s, half of them cutting a squeeze: it is still found, and no
 *   measure reaches across the gap;
 * - `moved`: a squeeze begun soon (0.3–2.5 s) after a change of position (the level moves by
 *   3–8 cmH2O, up or down, often with a jolt, and stays), before every other squeeze or so: it
 *   is measured from the moved level, its onset where it left that level;
 * - `dropouts`: packets lost in bursts of 0.25–0.9 s (a phone moved, the body between probe and
 *   phone) every 3–9 s, wherever they fall, at the start of a squeeze too: too short to cut a
 *   rep, so every squeeze is found, its onset near its start even when it began in a burst.
 * - `levels`: a probe that reads in a dozen levels or so (devices.md: a trainer whose pressure
 *   byte spans about 9–21), polled at 10–20 Hz: readings in steps of 1/12–1/8 of the user's
 *   strongest squeeze, so a rep is a few steps tall and breathing moves the reading a step now
 *   and then: every squeeze found, no breath taken for one.
 *
 * Every family shares the same resting profile ranges (breathing, noise, drift, tared or absolute
 * probe) and draws from its own seeds; tuning used seeds 1–40 of each (1–200 of `moved`, `dropouts` and `levels`), the
 * figures are seeds 300001 onward.
 */
import { VirtualUser, createRng, gaussian, squeezeEndMs, type RampShape, type Squeeze } from '../../firmware-sim/model.ts';
import { dice, streamSamples, type LabelledRecording, type SqueezeKind, type TrueRep } from './labelled.ts';

export const HOME_FAMILIES = ['weak', 'position', 'coarse', 'laughs', 'endurance', 'gaps', 'moved', 'dropouts', 'levels'] as const;
export type HomeFamily = (typeof HOME_FAMILIES)[number];

const SHAPES: readonly RampShape[] = ['cosine', 'sigmoid', 'exponential', 'linear'];

export function homeSession(family: HomeFamily, seed: number): LabelledRecording {
  const rng = createRng(seed * 104729 + HOME_FAMILIES.indexOf(family) * 7907 + 3);
  const { uniform, pick, chance } = dice(rng);
  const hasReference = chance(0.3);
  const user = new VirtualUser(seed * 31 + HOME_FAMILIES.indexOf(family), {
    levelCmH2O: chance(0.5) ? uniform(-3, 12) : uniform(1015, 1050),
    breathAmpCmH2O: uniform(0.2, 1.2),
    breathHz: uniform(0.2, 0.3),
    noiseCmH2O: uniform(0.05, 0.4),
    driftCmH2OPerMin: uniform(-4, 4),
    wanderCmH2O: uniform(0.1, 0.5),
    abdominalCoupling: uniform(0.5, 1),
    hasReference,
  });
  const kinds: SqueezeKind[] = [];
  const gaps: [number, number][] = [];
  let t = uniform(4000, 7000);
  let lastEnd = 0;
  const nReps = family === 'endurance' ? 2 + Math.floor(rng() * 2) : 6 + Math.floor(rng() * 4);
  for (let n = 0; n < nReps; n++) {
    const weak = family === 'weak';
    const endurance = family === 'endurance';
    const peak = weak ? uniform(8, 20) : endurance ? uniform(12, 30) : uniform(15, 50);
    const holdMs = endurance ? uniform(20000, 60000) : uniform(3000, 8000);
    if (family === 'moved' && n > 0 && chance(0.6)) {
      // A change of position just before the squeeze: the level moves and stays, often with a jolt.
      const rampMs = uniform(100, 600);
      const before = uniform(300, 2500);
      t = Math.max(t, lastEnd + 2000 + rampMs + before);
      const at = t - before - rampMs;
      if (chance(0.6)) user.cough({ atMs: at - uniform(0, 150), amplitudeCmH2O: uniform(5, 20), widthMs: uniform(150, 400) });
      user.shift({ atMs: at, cmH2O: (chance(0.7) ? 1 : -1) * uniform(3, 8), rampMs });
    }
    const s: Squeeze = user.squeeze({
      startMs: t,
      peakCmH2O: peak,
      riseMs: uniform(250, 900),
      holdMs,
      fade: endurance ? uniform(0.1, 0.4) : uniform(0, 0.25),
      releaseMs: uniform(300, 1000),
      tremorCmH2O: peak * uniform(0.01, 0.04),
      riseShape: pick(SHAPES),
      releaseShape: pick(SHAPES),
      strainCmH2O: hasReference ? peak * uniform(0, 0.2) : 0,
    });
    kinds.push(weak ? 'weak' : endurance ? 'endurance' : 'normal');
    const holdStart = s.startMs + s.riseMs;
    if (endurance) {
      // Fatigue: the squeeze is partly lost 1–3 times, from 10 s into the hold on, and caught
      // again within 1–2.5 s. (Lost and caught again within the first seconds, it looks like any
      // squeeze let go and made again without relaxing, and is counted as two.)
      for (let k = 0, nDips = 1 + Math.floor(rng() * 3); k < nDips; k++) {
        user.dip({ atMs: holdStart + uniform(10500, holdMs - 3000), fraction: uniform(0.25, 0.55), durationMs: uniform(1000, 2500) });
      }
    }
    const end = squeezeEndMs(s);
    lastEnd = end;
    if (family === 'gaps' && chance(0.5)) {
      // A link drop of 1–4 s somewhere in the squeeze (rise, hold or release).
      gaps.push([uniform(s.startMs + 150, end - 300), uniform(1000, 4000)]);
    }
    t = end + uniform(Math.min(holdMs, 10000), Math.min(holdMs, 10000) + 5000);
    const restStart = end + 2000;
    if (family === 'laughs') {
      if (chance(0.5)) {
        // A laugh: 3–5 spikes over 1–2 s.
        const n = 3 + Math.floor(rng() * 3);
        const span = uniform(1000, 2000);
        const amplitude = uniform(10, 45) / user.rest.abdominalCoupling;
        for (let k = 0; k < n; k++) {
          user.cough({ atMs: restStart + (k * span) / (n - 1) + uniform(-60, 60), amplitudeCmH2O: amplitude * uniform(0.5, 1), widthMs: uniform(150, 300) });
        }
      } else {
        user.cough({ atMs: restStart + uniform(0, 1500), amplitudeCmH2O: uniform(15, 60) / user.rest.abdominalCoupling, widthMs: uniform(200, 550) });
      }
    } else if (family === 'position' && chance(0.6)) {
      // A change of position in the rest: the level moves and stays, often with a jolt.
      const at = restStart + uniform(0, 1500);
      if (chance(0.6)) user.cough({ atMs: at - uniform(0, 150), amplitudeCmH2O: uniform(5, 20), widthMs: uniform(150, 400) });
      user.shift({ atMs: at, cmH2O: (chance(0.7) ? 1 : -1) * uniform(3, 8), rampMs: uniform(100, 600) });
      t = Math.max(t, at + uniform(4000, 7000));
    } else if (family === 'gaps' && chance(0.3)) {
      gaps.push([restStart + uniform(0, 1000), uniform(1000, 3000)]);
    }
  }
  const durationMs = t;
  // Lost packets in bursts of 0.25–0.9 s every 3–9 s, wherever they fall: too short to be a link
  // drop, so not among the link gaps no measure may span.
  const dropouts: [number, number][] = [];
  if (family === 'dropouts') for (let g = uniform(3000, 9000); g < durationMs; g += uniform(3000, 9000)) dropouts.push([g, uniform(250, 900)]);
  const coarse = family === 'coarse' || family === 'levels';
  // Polled (src/ble/observe.ts): a read every 50 ms, every other one when a read outlasts that.
  const rateHz = family === 'levels' ? uniform(10, 20) : coarse ? uniform(10, 25) : family === 'laughs' ? uniform(10, 100) : uniform(20, 100);
  // Arrival jitter up to 30 ms (two SDs) on coarse sensors.
  const jitter = coarse ? uniform(0, 15) / (1000 / rateHz) : uniform(0, 0.2);
  const strongest = () => Math.max(...user.truth().map((tr) => tr.peakCmH2O));
  const quantum = family === 'levels' ? strongest() / uniform(8, 12) : coarse ? uniform(0.5, 1) : 0;
  const gauss = () => gaussian(rng);
  const raw = streamSamples(
    durationMs,
    { rateHz, jitter, perPacket: 1 + Math.floor(rng() * 5), packetLoss: uniform(0, 0.01), gaps: [...gaps, ...dropouts], reportsLoss: chance(0.5) },
    rng,
    gauss,
    (tMs, out) => user.sampleAt(tMs, out),
    hasReference,
  );
  const round = (x: number) => Math.round(x / quantum) * quantum;
  const batches = quantum === 0 ? raw : raw.map((b) => ({ ...b, p: b.p.map(round), ref: b.ref === null ? null : b.ref.map(round) }));
  const truth: TrueRep[] = user.truth().map((tr, i) => ({ ...tr, kind: kinds[i], endMs: squeezeEndMs(user.squeezes[i]) }));
  return {
    name: `home-${family}-${seed}`,
    batches,
    truth,
    hasReference,
    rateHz,
    durationMs,
    artefactMs: user.coughs.map((c) => c.atMs),
    linkGaps: gaps.map(([from, len]) => [from, from + len] as const),
  };
}
