import { describe, expect, it } from 'vitest';
import type { RepMeasures } from '../../src/pipeline/types';
import { chartSummaryText } from '../../src/ui/ChartSummary';

const rep = (peakCmH2O: number, durationMs: number): RepMeasures => ({
  index: 0,
  onsetMs: 0,
  detectedAtMs: 0,
  peakMs: 0,
  peakCmH2O,
  baselineCmH2O: 0,
  durationMs,
  releaseMs: 0,
  relaxedMs: null,
  riseTimeMs: 300,
  holdFade: 0,
  steadiness: 0,
  straining: null,
  referenceRiseCmH2O: null,
  cut: false,
});

describe('the chart in words', () => {
  it('says there is nothing yet, then the last and the strongest squeeze', () => {
    expect(chartSummaryText([], 'cmH2O')).toBe('No squeeze yet.');
    expect(chartSummaryText([rep(34.4, 4120), rep(28.6, 3960)], 'cmH2O')).toBe(
      'Squeezes so far: 2. The last one reached 29 cmH2O above rest and was held 4 s; the strongest reached 34 cmH2O.',
    );
  });
});
