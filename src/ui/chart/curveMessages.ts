/** What the main thread and the chart worker say to each other. */
import type { CurveFrame, CurvePalette } from './curve';

export type ToCurveWorker =
  | { readonly kind: 'init'; readonly canvas: OffscreenCanvas; readonly palette: CurvePalette }
  /** Device pixels. */
  | { readonly kind: 'size'; readonly width: number; readonly height: number }
  | { readonly kind: 'frame'; readonly frame: CurveFrame };

/** The frame's arrays, handed back for the next frame. */
export type FromCurveWorker = { readonly kind: 'drawn'; readonly frame: CurveFrame };
