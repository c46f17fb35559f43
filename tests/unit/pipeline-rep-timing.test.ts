import { describe, expect, it } from 'vitest';
import { VirtualUser, squeezeEndMs } from '../../firmware-sim/model';
import { RepDetector } from '../../src/pipeline/detector';

describe('when a finished rep is announced', () => {
  it('within half a second of the pressure being back at rest, so feedback can follow at once', () => {
    const delays: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const user = new VirtualUser(seed, { levelCmH2O: seed % 2 ? 0 : 1033 });
      for (let k = 0; k < 3; k++) user.squeeze({ startMs: 4000 + k * 14_000, peakCmH2O: 12 + 3 * seed, holdMs: 3000 + 1000 * k, riseShape: k % 2 ? 'sigmoid' : 'cosine' });
      const detector = new RepDetector();
      const out = { main: 0, ref: 0 };
      for (let t = 0; t < 48_000; t += 20) {
        user.sampleAt(t, out);
        detector.push(t, out.main, Number.NaN);
        detector.drainEvents((e) => {
          if (e.type !== 'rep') return;
          expect(e.rep.relaxedMs).not.toBeNull();
          delays.push(t - (e.rep.relaxedMs ?? Number.NaN));
          // Announced no later than 0.5 s after the squeeze truly ended.
          expect(t - squeezeEndMs(user.squeezes[e.rep.index])).toBeLessThan(500);
        });
      }
    }
    expect(delays).toHaveLength(24);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(500);
    }
  });
});
