/**
 * The chart worker: draws the live curve on an OffscreenCanvas, so rasterising it (the costliest
 * part of a frame on a phone without GPU raster) happens off the main thread, and the frame goes
 * to the compositor without a main-thread commit. It keeps its own copy of the window; each frame
 * brings the new samples in small arrays that arrive transferred and are sent back the same way.
 */
import { CurveMirror, type CurvePalette } from './curve';
import type { FromCurveWorker, ToCurveWorker } from './curveMessages';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToCurveWorker>) => void) | null;
  postMessage(message: FromCurveWorker, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
let palette: CurvePalette = { curve: '#0b7a75' };
const mirror = new CurveMirror();

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
    if (ctx && canvas) mirror.draw(ctx, canvas.width, canvas.height, m.frame, palette);
    const { t, p, meta } = m.frame;
    scope.postMessage({ kind: 'drawn', frame: m.frame }, [t.buffer, p.buffer, meta.buffer]);
  }
};
