/**
 * Cues felt through the probe's motor (Magic Motion, over the fake GATT, fake timers): a pulse at
 * each squeeze cue, two at each relax, and the motor stopped at the end, on pause, on disconnect,
 * when the page is hidden, and first thing on every (re)connect.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeMagicMotionVibration } from '../../src/ble/decoders/magicMotion';
import { RECONNECT_DELAYS_MS } from '../../src/ble/connection';
import { MAGIC_MOTION_PRESSURE, MAGIC_MOTION_SERVICE, MAGIC_MOTION_VIBRATION, MAGIC_MOTION_VIBRATION_SERVICE } from '../../src/ble/profiles/magicMotion';
import { PROBE_CUE_STRENGTH, pulseSteps } from '../../src/cues/probeVibration';
import { getProgram } from '../../src/programs/catalog';
import type { ProgramCue, ProgramParams } from '../../src/programs/types';
import { TrainingSession } from '../../src/session/trainingSession';
import { FakePeripheral, fakeBluetooth } from './ble-fake-gatt';

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const strength = getProgram('strength');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const ON = Array.from(encodeMagicMotionVibration(PROBE_CUE_STRENGTH));
const STOP = [0x04, 0x08, 0x00, 0x64, 0x00];

interface Write {
  readonly atMs: number;
  readonly bytes: number[];
}

/** A Magic Motion trainer that sends 20 values a second and logs every motor command. */
function trainer(options: { motor?: boolean } = {}) {
  const writes: Write[] = [];
  const services: ConstructorParameters<typeof FakePeripheral>[1] = {
    [MAGIC_MOTION_SERVICE]: [{ uuid: MAGIC_MOTION_PRESSURE, notify: true }],
    ...(options.motor === false
      ? {}
      : {
          [MAGIC_MOTION_VIBRATION_SERVICE]: [
            { uuid: MAGIC_MOTION_VIBRATION, write: (bytes: Uint8Array) => writes.push({ atMs: performance.now(), bytes: Array.from(bytes) }) },
          ],
        }),
  };
  const device = new FakePeripheral('Kegel Master', services);
  const timer = setInterval(() => device.gatt.connected && device.notify(MAGIC_MOTION_PRESSURE, Uint8Array.of(0x01, 0x2c)), 50);
  return { device, writes, dispose: () => clearInterval(timer) };
}

async function session(device: FakePeripheral, probeCues: () => boolean) {
  const s = new TrainingSession({ bluetooth: fakeBluetooth(device), simulated: false, mvc: { cmH2O: 100, source: 'test' }, probeCues });
  const cues: { atMs: number; kind: ProgramCue['kind'] }[] = [];
  s.cues$.subscribe((cue) => cues.push({ atMs: performance.now(), kind: cue.kind }));
  await s.open();
  await advance(1000);
  expect(s.link$.value).toMatchObject({ status: 'connected', canVibrate: true });
  return { s, cues };
}

const isOn = (w: Write) => w.bytes.join() === ON.join();
const isStop = (w: Write) => w.bytes.join() === STOP.join();

describe('the pulse patterns', () => {
  it('every pattern ends with the motor stopped', () => {
    expect(pulseSteps([250], 0.5)).toEqual([
      { atMs: 0, strength: 0.5 },
      { atMs: 250, strength: 0 },
    ]);
    expect(pulseSteps([120, 120, 120], 0.5).map((s) => [s.atMs, s.strength])).toEqual([
      [0, 0.5],
      [120, 0],
      [240, 0.5],
      [360, 0],
    ]);
    expect(pulseSteps([100, 50], 1).at(-1)).toEqual({ atMs: 100, strength: 0 });
  });

  it('encodes the documented command: 04 08 VV 64 00, VV 0x00–0x64', () => {
    expect(Array.from(encodeMagicMotionVibration(0.5))).toEqual([0x04, 0x08, 0x32, 0x64, 0x00]);
    expect(Array.from(encodeMagicMotionVibration(1))).toEqual([0x04, 0x08, 0x64, 0x64, 0x00]);
    expect(Array.from(encodeMagicMotionVibration(0))).toEqual(STOP);
    expect(Array.from(encodeMagicMotionVibration(7))).toEqual([0x04, 0x08, 0x64, 0x64, 0x00]);
    expect(Array.from(encodeMagicMotionVibration(Number.NaN))).toEqual(STOP);
  });
});

describe('cues through a Magic Motion trainer’s motor', () => {
  const params: ProgramParams = { ...strength.defaults, holdMs: 3000, restMs: 3000, reps: 3, sets: 1, flicks: 0 };

  it.each([
    [3, 3000],
    [2, 4000],
  ])('%i reps of %i ms: one pulse at each squeeze, two at each relax, stopped at the end', async (reps, holdMs) => {
    const { device, writes, dispose } = trainer();
    const { s, cues } = await session(device, () => true);
    // Opening the link stopped the motor, in case a cue was cut off last time.
    expect(writes.map((w) => w.bytes)).toEqual([STOP]);
    writes.length = 0;
    s.start(strength, { ...params, reps, holdMs, restMs: holdMs });
    for (let i = 0; i < 200 && s.program$.value.status !== 'done'; i++) await advance(250);
    await advance(1000);
    expect(s.program$.value.status).toBe('done');
    const squeezes = cues.filter((c) => c.kind === 'squeeze');
    const relaxes = cues.filter((c) => c.kind === 'relax');
    expect(squeezes).toHaveLength(reps);
    for (const cue of squeezes) {
      const at = writes.filter((w) => w.atMs >= cue.atMs && w.atMs <= cue.atMs + 300);
      expect(at.map((w) => [w.atMs - cue.atMs, isOn(w) ? 'on' : isStop(w) ? 'stop' : '?'])).toEqual([
        [0, 'on'],
        [250, 'stop'],
      ]);
    }
    for (const cue of relaxes) {
      const at = writes.filter((w) => w.atMs >= cue.atMs && w.atMs <= cue.atMs + 400);
      expect(at.map((w) => (isOn(w) ? 'on' : isStop(w) ? 'stop' : '?'))).toEqual(['on', 'stop', 'on', 'stop']);
    }
    expect(writes.filter(isOn)).toHaveLength(squeezes.length + 2 * relaxes.length);
    expect(writes.at(-1)?.bytes).toEqual(STOP);
    s.close();
    dispose();
  });

  it('off by preference: the motor stays still', async () => {
    const { device, writes, dispose } = trainer();
    const { s, cues } = await session(device, () => false);
    s.start(strength, params);
    await advance(15_000);
    expect(cues.some((c) => c.kind === 'squeeze')).toBe(true);
    expect(writes.filter(isOn)).toHaveLength(0);
    s.close();
    dispose();
  });

  async function midPulse() {
    const t = trainer();
    const run = await session(t.device, () => true);
    run.s.start(strength, params);
    for (let i = 0; i < 1000 && !run.cues.some((c) => c.kind === 'squeeze'); i++) await advance(20);
    await advance(100);
    // The pulse is on, its stop 150 ms away.
    expect(t.writes.at(-1)?.bytes).toEqual(ON);
    return { ...t, ...run };
  }

  it('disconnecting mid-pulse stops the motor before the link goes', async () => {
    const { device, writes, s, dispose } = await midPulse();
    const disconnects: number[] = [];
    device.addEventListener('gattserverdisconnected', () => disconnects.push(performance.now()));
    s.close();
    await advance(1000);
    expect(writes.at(-1)?.bytes).toEqual(STOP);
    // The fake refuses writes on a dead link: this stop went out while it was up, and then it went.
    expect(device.gatt.connected).toBe(false);
    expect(disconnects).toHaveLength(1);
    expect(writes.filter((w) => w.atMs > (disconnects[0] ?? 0))).toHaveLength(0);
    dispose();
  });

  it('pausing or stopping mid-pulse stops the motor at once', async () => {
    for (const action of ['pause', 'stop'] as const) {
      const { writes, s, dispose } = await midPulse();
      const at = performance.now();
      s[action]();
      await advance(0);
      expect(writes.at(-1)).toEqual({ atMs: at, bytes: STOP });
      await advance(2000);
      expect(writes.filter((w) => w.atMs > at && isOn(w))).toHaveLength(0);
      s.close();
      dispose();
    }
  });

  it('a hidden page stops the motor and gets no pulses until it is shown again', async () => {
    const { writes, s, cues, dispose } = await midPulse();
    const at = performance.now();
    s.setPageHidden(true);
    await advance(0);
    expect(writes.at(-1)?.bytes).toEqual(STOP);
    await advance(12_000);
    expect(cues.filter((c) => c.atMs > at && c.kind === 'squeeze').length).toBeGreaterThan(0);
    expect(writes.filter((w) => w.atMs > at && isOn(w))).toHaveLength(0);
    s.setPageHidden(false);
    const shown = performance.now();
    await advance(12_000);
    expect(writes.filter((w) => w.atMs > shown && isOn(w)).length).toBeGreaterThan(0);
    s.close();
    dispose();
  });

  it('a link that drops mid-pulse: the motor is stopped first thing when it is back', async () => {
    const { device, writes, s, dispose } = await midPulse();
    device.drop();
    const dropped = performance.now();
    await advance(RECONNECT_DELAYS_MS[0] + 100);
    expect(s.link$.value.status).toBe('connected');
    const after = writes.filter((w) => w.atMs > dropped);
    expect(after[0]?.bytes).toEqual(STOP);
    s.close();
    dispose();
  });

  it('"Test vibration": one pulse, then the stop', async () => {
    const { device, writes, dispose } = trainer();
    const { s } = await session(device, () => false);
    writes.length = 0;
    const at = performance.now();
    s.testVibration();
    await advance(1000);
    expect(writes.map((w) => [w.atMs - at, isOn(w) ? 'on' : isStop(w) ? 'stop' : '?'])).toEqual([
      [0, 'on'],
      [500, 'stop'],
    ]);
    s.close();
    dispose();
  });

  it('a trainer without the vibration service: no motor, nothing written', async () => {
    const { device, writes, dispose } = trainer({ motor: false });
    const s = new TrainingSession({ bluetooth: fakeBluetooth(device), simulated: false, mvc: null, probeCues: () => true });
    await s.open();
    expect(s.link$.value).toMatchObject({ status: 'connected', canVibrate: false });
    s.testVibration();
    await advance(1000);
    expect(writes).toHaveLength(0);
    s.close();
    dispose();
  });
});
