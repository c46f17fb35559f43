import { afterEach, describe, expect, it, vi } from 'vitest';
import { onFrame, requestFrame } from '../../src/ui/frameLoop';

describe('the shared frame loop', () => {
  const pending: FrameRequestCallback[] = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => pending.push(cb));
  const runFrame = (now: number) => pending.splice(0).forEach((cb) => cb(now));
  afterEach(() => void pending.splice(0));

  it('renders no frames unless asked, and one frame however often it is asked before it', () => {
    const seen: number[] = [];
    const stop = onFrame((now) => seen.push(now));
    runFrame(16);
    expect(seen).toEqual([16]);
    runFrame(33);
    expect(pending).toHaveLength(0);
    for (let i = 0; i < 10; i++) requestFrame();
    expect(pending).toHaveLength(1);
    runFrame(50);
    expect(seen).toEqual([16, 50]);
    stop();
    requestFrame();
    expect(pending).toHaveLength(0);
  });
});
