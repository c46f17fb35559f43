/**
 * Where the live curve is drawn: in a worker on an OffscreenCanvas where the browser can
 * (Chromium, Firefox, Safari 17+), else on the main thread. Both hand out one CurveFrame to fill
 * and draw it; the worker holds it while drawing, so a frame loop simply skips a frame until it
 * is back (`onIdle`): drawing can never fall behind the samples.
 */
import { CurveMirror, newCurveFrame, type CurveFrame, type CurvePalette } from './curve';
import type { FromCurveWorker, ToCurveWorker } from './curveMessages';

export interface CurveRenderer {
  /** The frame to fill next; null while the last one is still being drawn. */
  take(): CurveFrame | null;
  /** Draws the frame `take` gave. */
  draw(frame: CurveFrame): void;
  /** Device pixels. */
  resize(width: number, height: number): void;
  dispose(): void;
}

class InlineRenderer implements CurveRenderer {
  private readonly frame = newCurveFrame();
  private readonly mirror = new CurveMirror();
  private readonly ctx: CanvasRenderingContext2D | null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly palette: CurvePalette,
  ) {
    this.ctx = canvas.getContext('2d');
  }

  take(): CurveFrame {
    return this.frame;
  }

  draw(frame: CurveFrame): void {
    if (this.ctx) this.mirror.draw(this.ctx, this.canvas.width, this.canvas.height, frame, this.palette);
  }

  resize(width: number, height: number): void {
    this.canvas.width = width;
    this.canvas.height = height;
  }

  dispose(): void {}
}

class WorkerRenderer implements CurveRenderer {
  private frame: CurveFrame | null = newCurveFrame();

  constructor(
    private readonly worker: Worker,
    onIdle: () => void,
  ) {
    worker.onmessage = (event: MessageEvent<FromCurveWorker>) => {
      this.frame = event.data.frame;
      onIdle();
    };
  }

  take(): CurveFrame | null {
    return this.frame;
  }

  draw(frame: CurveFrame): void {
    this.frame = null;
    this.post({ kind: 'frame', frame }, [frame.t.buffer, frame.p.buffer, frame.meta.buffer]);
  }

  resize(width: number, height: number): void {
    this.post({ kind: 'size', width, height }, []);
  }

  dispose(): void {
    this.worker.terminate();
  }

  private post(message: ToCurveWorker, transfer: Transferable[]): void {
    this.worker.postMessage(message, transfer);
  }
}

function newCanvas(parent: HTMLElement): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.className = 'live-curve';
  canvas.setAttribute('data-testid', 'live-curve');
  parent.appendChild(canvas);
  return canvas;
}

function startWorker(canvas: HTMLCanvasElement, palette: CurvePalette, onIdle: () => void, onFail: () => void): WorkerRenderer | null {
  if (typeof Worker === 'undefined' || typeof canvas.transferControlToOffscreen !== 'function') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./curveWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  // A worker that cannot load (blocked, missing) reports it here: the main thread takes over.
  worker.onerror = onFail;
  const offscreen = canvas.transferControlToOffscreen();
  const init: ToCurveWorker = { kind: 'init', canvas: offscreen, palette };
  worker.postMessage(init, [offscreen]);
  return new WorkerRenderer(worker, onIdle);
}

/**
 * A curve canvas in `parent` (sized by CSS; `resize` sets its pixels) and what draws on it.
 * `onIdle` is called when a frame the worker held is back (draw what arrived meanwhile, if
 * anything did); `onReset` when the canvas was replaced and must be drawn again.
 */
export function createCurveRenderer(parent: HTMLElement, palette: CurvePalette, onIdle: () => void, onReset: () => void): CurveRenderer {
  let canvas = newCanvas(parent);
  let size = { width: 0, height: 0 };
  let current: CurveRenderer;
  const fallBack = () => {
    current.dispose();
    // A canvas handed to a worker cannot be drawn on here any more: a new one takes its place.
    canvas.remove();
    canvas = newCanvas(parent);
    current = new InlineRenderer(canvas, palette);
    current.resize(size.width, size.height);
    onReset();
  };
  current = startWorker(canvas, palette, onIdle, fallBack) ?? new InlineRenderer(canvas, palette);
  return {
    take: () => current.take(),
    draw: (frame) => current.draw(frame),
    resize(width, height) {
      size = { width, height };
      current.resize(width, height);
    },
    dispose() {
      current.dispose();
      canvas.remove();
    },
  };
}
