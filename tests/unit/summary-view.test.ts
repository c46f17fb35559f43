import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { getProgram } from '../../src/programs/catalog';
import { summarize } from '../../src/programs/summary';
import type { RepResult, SessionSummary } from '../../src/programs/types';
import { SessionSummaryBlock } from '../../src/ui/program/SummaryView';

const strength = getProgram('strength');
const summaryOf = (results: RepResult[]): SessionSummary => ({
  programId: 'strength',
  params: strength.defaults,
  completed: false,
  sets: [],
  session: summarize(results, null),
  mvc: null,
  measuredMvcCmH2O: null,
  perfect: null,
});

describe("a session's summary", () => {
  it('stopped in its first squeeze: nothing was judged, so no "No faults" and no advice', () => {
    const html = renderToStaticMarkup(
      createElement(SessionSummaryBlock, {
        summary: summaryOf([{ kind: 'cut', set: 0, phase: 'main', cueIndex: 0, cueMs: 5000, rep: null, stopped: true }]),
      }),
    );
    expect(html).toContain('Reps done: 0, missed: 0');
    expect(html).not.toContain('No faults.');
    expect(html).not.toContain('Next time');
  });

  it('with a squeeze missed: the advice is to squeeze at every cue', () => {
    const html = renderToStaticMarkup(
      createElement(SessionSummaryBlock, { summary: summaryOf([{ kind: 'missed', set: 0, phase: 'main', cueIndex: 0, cueMs: 5000 }]) }),
    );
    expect(html).toContain('No faults.');
    expect(html).toContain('Next time');
  });
});
