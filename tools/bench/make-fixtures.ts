/**
 * Writes the small recordings the CLI tests use (tests/fixtures/), from the simulator, with the
 * truth of each squeeze beside them. Deterministic: rerun after changing the simulator.
 *
 *   npx tsx tools/bench/make-fixtures.ts
 */
import { writeFileSync } from 'node:fs';
import { VirtualUser, squeezeEndMs, type RestProfile } from '../../firmware-sim/model.ts';
import type { Cue } from '../../src/pipeline/types.ts';
import { formatCsv } from '../../src/recording/csv.ts';

const DIR = new URL('../../tests/fixtures/', import.meta.url);

interface FixturePlan {
  readonly name: string;
  readonly seed: number;
  readonly rateHz: number;
  readonly durationMs: number;
  readonly rest: Partial<RestProfile>;
  readonly build: (user: VirtualUser) => void;
}

function write(plan: FixturePlan): void {
  const user = new VirtualUser(plan.seed, plan.rest);
  plan.build(user);
  const n = Math.floor((plan.durationMs * plan.rateHz) / 1000);
  const t = new Float64Array(n);
  const p = new Float32Array(n);
  const ref = user.hasReference ? new Float32Array(n) : null;
  const out = { main: 0, ref: 0 };
  for (let i = 0; i < n; i++) {
    t[i] = (i * 1000) / plan.rateHz;
    user.sampleAt(t[i], out);
    p[i] = out.main;
    if (ref !== null) ref[i] = out.ref;
  }
  // The app's cues: squeeze at each onset, relax at each release.
  const cues: Cue[] = user.squeezes.flatMap((s) => [
    { tMs: s.startMs, kind: 'squeeze' as const },
    { tMs: s.startMs + s.riseMs + s.holdMs, kind: 'relax' as const },
  ]);
  writeFileSync(new URL(`${plan.name}.csv`, DIR), formatCsv({ t, p, ref, cues, gaps: [] }));
  const truth = user.squeezes.map((s, i) => ({ ...user.truth()[i], endMs: squeezeEndMs(s) }));
  writeFileSync(new URL(`${plan.name}.truth.json`, DIR), JSON.stringify({ coughsAtMs: user.coughs.map((c) => c.atMs), squeezes: truth }, null, 1) + '\n');
}

const PLANS: readonly FixturePlan[] = [
  {
    // Absolute sensor with a reference channel: a correct squeeze, a cough bigger than it, a
    // squeeze while bearing down, and a speed squeeze.
    name: 'absolute-with-reference',
    seed: 11,
    rateHz: 25,
    durationMs: 42000,
    rest: { levelCmH2O: 1033, driftCmH2OPerMin: 3, breathAmpCmH2O: 0.8, noiseCmH2O: 0.3, hasReference: true },
    build: (u) => {
      u.squeeze({ startMs: 4000, peakCmH2O: 30, holdMs: 5000, strainCmH2O: 3 });
      u.cough({ atMs: 15000, amplitudeCmH2O: 50, widthMs: 350 });
      u.squeeze({ startMs: 20000, peakCmH2O: 25, holdMs: 4000, strainCmH2O: 30 });
      u.squeeze({ startMs: 33000, peakCmH2O: 35, riseMs: 250, holdMs: 2000, releaseMs: 300 });
    },
  },
  {
    // Tared probe at 20 Hz, no reference: two squeezes back to back without relaxing, then a weak one.
    name: 'tared-20hz',
    seed: 12,
    rateHz: 20,
    durationMs: 36000,
    rest: { levelCmH2O: 0, driftCmH2OPerMin: -2, breathAmpCmH2O: 0.5, noiseCmH2O: 0.2 },
    build: (u) => {
      u.squeeze({ startMs: 3000, peakCmH2O: 28, holdMs: 4000, residualCmH2O: 9, residualTauMs: 10000 });
      u.squeeze({ startMs: 9500, peakCmH2O: 24, holdMs: 4000 });
      u.squeeze({ startMs: 24000, peakCmH2O: 8, holdMs: 4000, tremorCmH2O: 0.2 });
    },
  },
];

for (const plan of PLANS) write(plan);
console.log(`wrote ${PLANS.map((p) => p.name).join(', ')} to tests/fixtures/`);
