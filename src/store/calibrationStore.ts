import { createStore } from 'zustand/vanilla';
import { idleCountCalibration, type CountCalibrationState } from '../pipeline/countCalibration';
import { rawDisplay, type DisplayScale } from '../session/types';

export interface CalibrationView {
  /** The guided calibration of a count device: phase, seconds left, result or why it failed. */
  count: CountCalibrationState;
  /** What the live values are in: the readout's and the chart's unit. */
  display: DisplayScale;
  /** The MVC measured by a strength test (or a count device's calibration), in the display unit; null: none. */
  testedMvc: number | null;
}

export const initialCalibrationView: CalibrationView = { count: idleCountCalibration, display: rawDisplay, testedMvc: null };

/** The session's count calibration and display unit (src/store/sessionStore.ts binds it). */
export const calibrationStore = createStore<CalibrationView>(() => initialCalibrationView);
