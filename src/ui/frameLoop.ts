/**
 * One requestAnimationFrame loop for every live view, so the chart and the readout redraw at
 * most once per frame, together, whatever the sample rate.
 */
type FrameCallback = (now: number) => void;

const callbacks = new Set<FrameCallback>();
let handle = 0;

function tick(now: number): void {
  handle = callbacks.size > 0 ? requestAnimationFrame(tick) : 0;
  callbacks.forEach((cb) => cb(now));
}

export function onFrame(cb: FrameCallback): () => void {
  callbacks.add(cb);
  if (handle === 0) handle = requestAnimationFrame(tick);
  return () => {
    callbacks.delete(cb);
  };
}
