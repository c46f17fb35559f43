/**
 * The band the live chart shows as the target: while squeezing, the force asked for (from the
 * program's "weak" threshold up to what the effort calls for, in cmH2O from the user's MVC);
 * while resting, the resting band the pressure should come back into. Relative to rest.
 */
import { restingBandCmH2O } from '../pipeline/measures';
import type { RunnerView } from '../programs/runner';
import { isHolding } from '../programs/schedule';
import type { Effort, FaultRules } from '../programs/types';

/** Band to draw on the live chart, cmH2O relative to the resting level. */
export interface TargetBand {
  readonly fromCmH2O: number;
  readonly toCmH2O: number;
}

/** Top of the band, fraction of MVC, per effort; the bottom is the "weak" threshold. */
const TOP: { readonly [E in Effort]: number } = { max: 1, fast: 1, moderate: 0.7, gentle: 0.5 };
/** Bottom for programs that do not judge force (finding the muscles, relaxing): a gentle squeeze. */
const GENTLE_BOTTOM = 0.2;

export function targetBandFor(view: RunnerView | null, rules: FaultRules, mvcCmH2O: number | null): TargetBand | null {
  if (view === null || view.segment === 'done') return null;
  if (!isHolding(view.segment)) {
    const band = restingBandCmH2O(mvcCmH2O);
    return { fromCmH2O: -band, toCmH2O: band };
  }
  if (mvcCmH2O === null) return null;
  const bottom = rules.weak?.threshold ?? GENTLE_BOTTOM;
  return { fromCmH2O: bottom * mvcCmH2O, toCmH2O: Math.max(bottom, TOP[view.effort]) * mvcCmH2O };
}
