import { firstValueFrom, from, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { squeezeShape, type VirtualUser } from '../../firmware-sim/model.ts';
import { RESTING_BAND_MIN_CMH2O } from '../../src/pipeline/measures.ts';
import { completedReps, detectReps } from '../../src/pipeline/operators.ts';
import { replayInVirtualTime, toBatches } from '../../src/pipeline/replay.ts';
import type { RepEvent, SampleBatch } from '../../src/pipeline/types.ts';
import { SEEDS, detect, percentile, stream, userWith } from '../fixtures/simulate.ts';

/** Peak error p90, % of the true peak: `npm run bench:detect -- --set dev`. */
const PEAK_P90_PCT = 9.1;

function session(seed: number): { user: VirtualUser; batches: SampleBatch[] } {
  const user = userWith(seed, { levelCmH2O: 1033, driftCmH2OPerMin: 2, hasReference: true });
  user.squeeze({ startMs: 4000, peakCmH2O: 30, holdMs: 4000 });
  user.cough({ atMs: 11000, amplitudeCmH2O: 45, widthMs: 300 });
  user.squeeze({ startMs: 14000, peakCmH2O: 22, holdMs: 3000, residualCmH2O: 4 });
  user.squeeze({ startMs: 19500, peakCmH2O: 26, holdMs: 3000 });
  return { user, batches: stream(user, { durationMs: 40000, jitter: 0.2 }) };
}

const events = (batches: readonly SampleBatch[]) => firstValueFrom(from(batches).pipe(detectReps(), toArray()));

describe('detectReps', () => {
  const sessions = SEEDS.map(session);
  const { batches } = sessions[0];

  it('emits exactly the events of the detection core: three reps, the cough none', async () => {
    for (const { batches } of sessions) {
      const viaOperator = await events(batches);
      expect(viaOperator).toEqual(detect(batches));
      expect(viaOperator.filter((e) => e.type === 'rep')).toHaveLength(3);
    }
  });

  it('gives each subscription its own detector', async () => {
    const reps$ = from(batches).pipe(detectReps(), completedReps(), toArray());
    const [a, b] = await Promise.all([firstValueFrom(reps$), firstValueFrom(reps$)]);
    expect(a.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(b).toEqual(a);
  });

  it('completedReps keeps only finished reps, with all their measures', async () => {
    const peakErr: number[] = [];
    for (const { batches } of sessions) {
      const reps = await firstValueFrom(from(batches).pipe(detectReps(), completedReps(), toArray()));
      expect(reps.map((r) => r.straining)).toEqual([false, false, false]);
      peakErr.push((100 * Math.abs(reps[0].peakCmH2O - 30)) / 30);
    }
    expect(percentile(peakErr, 0.9)).toBeLessThanOrEqual(PEAK_P90_PCT);
  });

  it('its baseline events follow the drifting resting level of an absolute sensor, within the resting band', async () => {
    for (const { user, batches } of sessions) {
      const levels = (await events(batches)).flatMap((e) => (e.type === 'baseline' ? [e] : []));
      expect(levels.length).toBeGreaterThan(2);
      // 1033 cmH2O drifting up 2 cmH2O a minute, and what the squeeze that did not let go left
      // behind (rest is what the pressure settles to). Over seeds 1–120 at most 1.6 cmH2O off.
      const rest = (tMs: number) => 1033 + (2 * tMs) / 60000 + user.squeezes.reduce((sum, s) => sum + squeezeShape(s, tMs), 0);
      for (const l of levels) expect(Math.abs(l.baselineCmH2O - rest(l.tMs))).toBeLessThan(RESTING_BAND_MIN_CMH2O);
    }
  });
});

describe('replay in virtual time', () => {
  // Properties of the replay, not of one recording's numbers: one session is enough.
  const { batches } = session(SEEDS[0]);
  const stamped = replayInVirtualTime(batches, detectReps());

  it('emits every event at or after the stream time it speaks of', () => {
    for (const { value, atMs } of stamped) {
      const claim = value.type === 'onset' ? value.detectedAtMs : value.type === 'rep' ? value.rep.releaseMs : value.tMs;
      expect(atMs).toBeGreaterThanOrEqual(claim);
    }
  });

  it('has no look-ahead: a recording cut at any time gives the same events up to that time', () => {
    const key = (e: RepEvent) => JSON.stringify(e);
    for (const cut of [30, 90, 150, 200]) {
      const prefix = batches.slice(0, cut);
      const endMs = prefix[prefix.length - 1].t.at(-1) ?? 0;
      // Events the full run had emitted by the end of the prefix (before any end-of-stream flush).
      const full = stamped.filter((s) => s.atMs <= endMs).map((s) => key(s.value));
      const partial = replayInVirtualTime(prefix, detectReps()).filter((s) => s.atMs < endMs || s.value.type === 'baseline');
      expect(partial.map((s) => key(s.value))).toEqual(full.slice(0, partial.length));
    }
  });

  it('cuts flat arrays into batches without copying', () => {
    const t = Float64Array.from({ length: 20 }, (_, i) => i * 10);
    const p = new Float32Array(20);
    const b = toBatches(t, p, null, 8);
    expect(b.map((x) => x.t.length)).toEqual([8, 8, 4]);
    expect(b[1].t.buffer).toBe(t.buffer);
  });
});
