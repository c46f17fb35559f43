/**
 * The chart worker: draws the live curve on an OffscreenCanvas, so rasterising it (the costliest
 * part of a frame on a phone without GPU raster) happens off the main thread, and the frame goes
 * to the compositor without a main-thread commit. Each frame's arrays arrive transferred and are
 * sent back the same way: nothing is copied or allocated per frame.
 */
import { drawCurveFrame, type CurvePalette } from './curve';
import type { FromCurveWorker, ToCurveWorker } from './curveMessages';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToCurveWorker>) => void) | null;
  postMessage(message: FromCurveWorker, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
let palette: CurvePalette = { curve: '#0b7a75' };

scope.onmessage = (event) => {
  const m = event.data;
  if (m.kind === 'init') {
    canvas = m.canvas;
    ctx = canvas.getContext('2d');
    palette = m.palette;
  } else if (m.kind === 'size') {
    if (canvas) {
      canvas.width = m.width;
      canvas.height = m.height;
    }
  } else {
    if (ctx && canvas) drawCurveFrame(ctx, canvas.width, canvas.height, m.frame, palette);
    const { xs, ys, meta } = m.frame;
    scope.postMessage({ kind: 'drawn', frame: m.frame }, [xs.buffer, ys.buffer, meta.buffer]);
  }
};
