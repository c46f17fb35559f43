/**
 * Labelled sessions from the physiological simulator (firmware-sim/model.ts): the development
 * and held-out seed sets. Each session is a few minutes of rest, squeezes of every kind the app
 * meets, coughs, cough bouts and laughs, on a random probe (tared or absolute), breathing,
 * drift, noise, sample rate and Bluetooth link. Some sessions start while the user is already
 * squeezing, and some squeezes rise slowly.
 */
import { VirtualUser, createRng, gaussian, riseMsFor, squeezeEndMs, type RampShape, type Squeeze } from '../../firmware-sim/model.ts';
import { dice, streamSamples, type LabelledRecording, type SqueezeKind, type TrueRep } from './labelled.ts';

const SHAPES: readonly RampShape[] = ['cosine', 'sigmoid', 'exponential', 'linear'];
const KINDS: readonly SqueezeKind[] = ['normal', 'normal', 'weak', 'speed', 'back-to-back', 'endurance'];

export function simSession(seed: number): LabelledRecording {
  const rng = createRng(seed * 7919 + 17);
  const { uniform, pick, chance } = dice(rng);
  // The situations added later (a squeeze at the start, slow rises, cough bouts) are drawn from
  // their own generator, so every other draw of a seed is what it always was.
  const more = dice(createRng(seed * 6007 + 29));
  const hasReference = chance(0.35);
  const user = new VirtualUser(seed, {
    levelCmH2O: chance(0.5) ? uniform(-3, 12) : uniform(1015, 1050),
    breathAmpCmH2O: uniform(0.2, 1.5),
    breathHz: uniform(0.2, 0.3),
    noiseCmH2O: uniform(0.05, 0.6),
    driftCmH2OPerMin: uniform(-6, 6),
    wanderCmH2O: uniform(0.1, 0.6),
    abdominalCoupling: uniform(0.5, 1),
    hasReference,
  });
  const kinds: SqueezeKind[] = [];
  let t = uniform(3000, 6000);
  if (more.chance(0.2)) {
    // The app connects while the user is already squeezing, or she squeezes at once.
    const peak = more.uniform(12, 50);
    const s = user.squeeze({
      startMs: more.uniform(-3000, 2000),
      peakCmH2O: peak,
      riseMs: more.uniform(250, 900),
      holdMs: more.uniform(4000, 8000),
      fade: more.uniform(0, 0.3),
      releaseMs: more.uniform(300, 1000),
      tremorCmH2O: peak * more.uniform(0.01, 0.04),
      riseShape: more.pick(SHAPES),
      releaseShape: more.pick(SHAPES),
    });
    kinds.push('at-start');
    // The next squeeze comes a few seconds after it: it must be found all the same.
    t = Math.max(t, squeezeEndMs(s) + more.uniform(3000, 8000));
  }
  const nReps = 6 + Math.floor(rng() * 4);
  for (let n = 0; n < nReps; n++) {
    let kind = pick(KINDS);
    if (hasReference && chance(0.3)) kind = 'straining';
    const peak = kind === 'weak' ? uniform(6, 10) : kind === 'endurance' ? uniform(10, 30) : uniform(15, 60);
    const base: Partial<Squeeze> = {
      peakCmH2O: peak,
      riseMs: kind === 'speed' ? uniform(150, 400) : uniform(250, 900),
      holdMs: kind === 'speed' ? 2000 : kind === 'endurance' ? uniform(20000, 60000) : uniform(3000, 8000),
      fade: kind === 'endurance' ? uniform(0.1, 0.45) : uniform(0, 0.3),
      releaseMs: kind === 'speed' ? uniform(200, 500) : uniform(300, 1000),
      tremorCmH2O: peak * uniform(0.01, 0.04),
      riseShape: pick(SHAPES),
      releaseShape: pick(SHAPES),
      flicks: kind === 'normal' && chance(0.2) ? 3 : 0,
      // A correct squeeze moves the abdomen a little; bearing down moves it as much as the squeeze.
      strainCmH2O: kind === 'straining' ? peak * uniform(0.8, 1.5) : hasReference ? peak * uniform(0, 0.2) : 0,
    };
    if (kind === 'normal' && more.chance(0.3)) {
      // Tightening slowly: 10–90 % of the rise over 1.0–1.5 s.
      kind = 'slow-rise';
      base.riseMs = riseMsFor(base.riseShape ?? 'cosine', more.uniform(1000, 1500));
    }
    if (kind === 'back-to-back') {
      // Two squeezes, the first not let go: the second rises from the level left behind.
      const first = user.squeeze({ ...base, startMs: t, residualCmH2O: peak * uniform(0.15, 0.4), residualTauMs: uniform(4000, 12000) });
      kinds.push(kind);
      t = squeezeEndMs(first) + uniform(500, 2500);
      const second = user.squeeze({ ...base, startMs: t, peakCmH2O: uniform(15, 50), riseShape: pick(SHAPES) });
      kinds.push(kind);
      t = squeezeEndMs(second) + uniform(4000, 9000);
    } else {
      const s = user.squeeze({ ...base, startMs: t });
      kinds.push(kind);
      const end = squeezeEndMs(s);
      if (kind !== 'endurance' && chance(0.08)) {
        // A cough in the middle of a hold must not split the rep.
        user.cough({ atMs: s.startMs + s.riseMs + uniform(500, s.holdMs - 500), amplitudeCmH2O: uniform(15, 40), widthMs: uniform(200, 500) });
      }
      t = end + (kind === 'speed' ? uniform(2000, 3000) : uniform(Math.min(s.holdMs, 10000), Math.min(s.holdMs, 10000) + 5000));
    }
    if (chance(0.45)) {
      // A cough, or a laugh (a few spikes), in the rest that follows, often bigger than a squeeze.
      const restStart = t - 3500;
      const amplitude = (peak * uniform(1, 2)) / user.rest.abdominalCoupling;
      if (chance(0.6)) user.cough({ atMs: restStart + uniform(0, 1500), amplitudeCmH2O: amplitude, widthMs: uniform(200, 550) });
      else {
        let at = restStart + uniform(0, 1000);
        for (let k = 0, n = 3 + Math.floor(rng() * 3); k < n; k++) {
          user.cough({ atMs: at, amplitudeCmH2O: amplitude * uniform(0.5, 1), widthMs: uniform(180, 300) });
          at += uniform(350, 500);
        }
      }
    } else if (t - squeezeEndMs(user.squeezes[user.squeezes.length - 1]) >= 5000 && more.chance(0.25)) {
      // A bout of 2–3 coughs in quick succession, in the middle of the rest: the pressure may not
      // fall below half between them.
      const amplitude = (peak * more.uniform(1, 2)) / user.rest.abdominalCoupling;
      let at = t - more.uniform(2500, 3500);
      for (let k = 0, n = 2 + Math.floor(more.uniform(0, 2)); k < n; k++) {
        user.cough({ atMs: at, amplitudeCmH2O: amplitude * more.uniform(0.6, 1), widthMs: more.uniform(250, 450) });
        at += more.uniform(300, 600);
      }
    }
  }
  const durationMs = t;
  const rateHz = uniform(20, 100);
  const gaps: [number, number][] = [];
  for (let g = 0, n = Math.floor(rng() * 3); g < n; g++) gaps.push([uniform(5000, durationMs - 2000), uniform(200, 1500)]);
  const gauss = () => gaussian(rng);
  const batches = streamSamples(
    durationMs,
    { rateHz, jitter: uniform(0, 0.3), perPacket: 1 + Math.floor(rng() * 8), packetLoss: uniform(0, 0.03), gaps, reportsLoss: chance(0.5) },
    rng,
    gauss,
    (tMs, out) => user.sampleAt(tMs, out),
    hasReference,
  );
  const truth: TrueRep[] = user.truth().map((tr, i) => ({ ...tr, kind: kinds[i], endMs: squeezeEndMs(user.squeezes[i]) }));
  return { name: `sim-${seed}`, batches, truth, hasReference, rateHz, durationMs, artefactMs: user.coughs.map((c) => c.atMs) };
}
