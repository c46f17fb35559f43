import { createStore } from 'zustand/vanilla';
import type { RepMeasures } from '../pipeline/types';

export interface AnalysisState {
  /** Resting level the pipeline tracks (absolute, cmH2O), null until it has settled. */
  restCmH2O: number | null;
  /** Width of the resting band ("relaxed"), cmH2O above rest: the readout shows 0 within it. */
  restBandCmH2O: number;
  /** A squeeze in progress: its onset, ms; null at rest. */
  activeOnsetMs: number | null;
  /** Finished reps, oldest first. */
  reps: RepMeasures[];
}

export const initialAnalysis: AnalysisState = { restCmH2O: null, restBandCmH2O: 0, activeOnsetMs: null, reps: [] };

/** What the analysis pipeline has said about the current stream. */
export const analysisStore = createStore<AnalysisState>(() => initialAnalysis);
