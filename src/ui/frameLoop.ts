/**
 * One requestAnimationFrame loop for every live view, so the chart and the readout redraw at
 * most once per frame, together, whatever the sample rate. It runs only when asked
 * (`requestFrame`, e.g. when samples arrive): a page with nothing new renders no frames at all.
 */
type FrameCallback = (now: number) => void;

const callbacks = new Set<FrameCallback>();
let handle = 0;

function tick(now: number): void {
  handle = 0;
  callbacks.forEach((cb) => cb(now));
}

/** Asks for one frame: every callback runs in it. Several requests before it come to one frame. */
export function requestFrame(): void {
  if (handle === 0 && callbacks.size > 0) handle = requestAnimationFrame(tick);
}

/** Runs `cb` in every frame from now on (starting with one right away); returns how to stop. */
export function onFrame(cb: FrameCallback): () => void {
  callbacks.add(cb);
  requestFrame();
  return () => {
    callbacks.delete(cb);
  };
}
