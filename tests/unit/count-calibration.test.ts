/**
 * A device that reports raw counts (Perifit, over a fake GATT peripheral, fake timers) is
 * calibrated with the guided flow (rest, one maximal squeeze) and then shows % of the maximum;
 * a calibration without a real squeeze changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PERIFIT_PRESSURE, PERIFIT_SERVICE } from '../../src/ble/profiles/perifit';
import { CALIBRATION_REST_MS, CALIBRATION_SQUEEZE_MS, CountCalibrator, type CountCalibrationState } from '../../src/pipeline/countCalibration';
import type { RepMeasures } from '../../src/pipeline/types';
import { TrainingSession } from '../../src/session/trainingSession';
import { FakePeripheral, fakeBluetooth } from './ble-fake-gatt';

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
/** Perifit sends about 20 values a second. */
const INTERVAL_MS = 50;
const SEEDS = [1, 2, 3, 5, 8, 13];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Squeeze {
  readonly fromMs: number;
  readonly toMs: number;
  /** Counts above rest. */
  readonly height: number;
}

/**
 * A person on a Perifit: a resting level with breathing and sensor noise, and squeezes that rise
 * and fall over 300 ms, with a 2 % tremor on the hold. Times are the (fake) wall clock.
 */
function countProbe(seed: number, restCounts: number) {
  const random = mulberry32(seed);
  const squeezes: Squeeze[] = [];
  const probe = new FakePeripheral('Perifit', { [PERIFIT_SERVICE]: [{ uuid: PERIFIT_PRESSURE, notify: true }] });
  const level = (t: number): number => {
    let p = restCounts + 4 * Math.sin((2 * Math.PI * t) / 4000) + 3 * (random() - 0.5);
    for (const s of squeezes) {
      const on = Math.min(1, Math.max(0, (t - s.fromMs) / 300), Math.max(0, (s.toMs - t) / 300));
      if (on > 0) p += on * s.height * (1 + 0.04 * (random() - 0.5));
    }
    return Math.round(p);
  };
  const timer = setInterval(() => {
    if (!probe.gatt.connected) return;
    const base = level(performance.now());
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint16(0, base, false);
    new DataView(bytes.buffer).setUint16(2, restCounts, false);
    probe.notify(PERIFIT_PRESSURE, bytes);
  }, INTERVAL_MS);
  return {
    probe,
    /** A squeeze starting `inMs` from now, held `holdMs`. */
    squeeze(inMs: number, holdMs: number, height: number) {
      const fromMs = performance.now() + inMs;
      squeezes.push({ fromMs, toMs: fromMs + holdMs, height });
    },
    stop: () => clearInterval(timer),
  };
}

async function countSession(seed: number, restCounts = 1200) {
  const person = countProbe(seed, restCounts);
  const session = new TrainingSession({ bluetooth: fakeBluetooth(person.probe), simulated: false, mvc: null });
  await session.open();
  expect(session.link$.value).toMatchObject({ status: 'connected', unit: 'counts' });
  const phases: CountCalibrationState[] = [];
  session.countCalibration$.subscribe((s) => phases.push(s));
  const reps: RepMeasures[] = [];
  session.repEvents$.subscribe((e) => e.type === 'rep' && reps.push(e.rep));
  await advance(3000);
  return { session, person, phases, reps };
}

/** Whole seconds each phase showed, in order, e.g. rest 5 4 3 2 1, squeeze 6 … 1. */
const countdown = (phases: readonly CountCalibrationState[], phase: 'rest' | 'squeeze') => phases.filter((s) => s.phase === phase).map((s) => s.secondsLeft);

describe('calibrating a count device', () => {
  it.each(SEEDS)('rest, one maximal squeeze, then readings in percent of that maximum (seed %i)', async (seed) => {
    const { session, person, phases, reps } = await countSession(seed);
    // Before: raw counts, no MVC.
    expect(session.calibration$.value.display.unit).toBe('counts');
    expect(session.buffer.latestPressure()).toBeGreaterThan(1150);

    session.calibrateCounts();
    // Squeeze 1 s into the squeeze phase, held 3.5 s: 2000 counts above rest.
    person.squeeze(CALIBRATION_REST_MS + 1000, 3500, 2000);
    await advance(CALIBRATION_REST_MS + CALIBRATION_SQUEEZE_MS + 200);

    expect(countdown(phases, 'rest')).toEqual([5, 4, 3, 2, 1]);
    expect(countdown(phases, 'squeeze')).toEqual([6, 5, 4, 3, 2, 1]);
    const done = session.countCalibration$.value;
    expect(done.phase).toBe('done');
    expect(done.message).toBeNull();
    // What was sent: rest 1200 counts (± breathing 4, noise 1.5), squeeze 2000 above it (± 2 % tremor).
    expect(done.result?.restCounts).toBeGreaterThan(1195);
    expect(done.result?.restCounts).toBeLessThan(1205);
    expect(done.result?.maxAboveRestCounts).toBeGreaterThan(1950);
    expect(done.result?.maxAboveRestCounts).toBeLessThan(2050);

    const calibration = session.calibration$.value;
    expect(calibration.display.unit).toBe('pctMax');
    expect(calibration.display.offset).toBe(done.result?.restCounts);
    expect(calibration.mvc).toEqual({ cmH2O: 100, source: 'test' });

    // At rest the reading is ~0 % of the maximum …
    await advance(4000);
    expect(Math.abs(session.buffer.latestPressure())).toBeLessThan(2);
    expect(session.calibration$.value.restCmH2O).not.toBeNull();
    expect(Math.abs(session.calibration$.value.restCmH2O ?? NaN)).toBeLessThan(2);

    // … and a squeeze at half the calibrated maximum reads ~50 %, live and as a rep.
    const repsBefore = reps.length;
    person.squeeze(0, 3000, 1000);
    await advance(1500);
    expect(session.buffer.latestPressure()).toBeGreaterThan(45);
    expect(session.buffer.latestPressure()).toBeLessThan(55);
    await advance(5000);
    const rep = reps.at(-1);
    expect(reps.length).toBe(repsBefore + 1);
    expect(rep?.peakCmH2O).toBeGreaterThan(45);
    expect(rep?.peakCmH2O).toBeLessThan(55);

    // The recording keeps the raw counts.
    const raw = session.recorder.data().p;
    expect(Math.max(...raw)).toBeGreaterThan(3100);
    person.stop();
    session.close();
  });

  it.each(SEEDS)('without a real squeeze it fails with a clear message and changes nothing (seed %i)', async (seed) => {
    const { session, person } = await countSession(seed);
    const before = session.calibration$.value;
    session.calibrateCounts();
    // A squeeze no stronger than the breathing wave.
    person.squeeze(CALIBRATION_REST_MS + 1000, 3500, 8);
    await advance(CALIBRATION_REST_MS + CALIBRATION_SQUEEZE_MS + 200);

    expect(session.countCalibration$.value).toMatchObject({ phase: 'failed', result: null, message: 'calibration.tooWeak' });
    expect(session.calibration$.value.display).toEqual(before.display);
    expect(session.calibration$.value.mvc).toBeNull();
    expect(session.buffer.latestPressure()).toBeGreaterThan(1150);
    person.stop();
    session.close();
  });

  it('a squeeze that is not held fails as not held', async () => {
    const { session, person } = await countSession(4);
    session.calibrateCounts();
    person.squeeze(CALIBRATION_REST_MS + 1000, 400, 2000);
    await advance(CALIBRATION_REST_MS + CALIBRATION_SQUEEZE_MS + 200);
    expect(session.countCalibration$.value).toMatchObject({ phase: 'failed', message: 'calibration.notHeld' });
    expect(session.calibration$.value.display.unit).toBe('counts');
    person.stop();
    session.close();
  });

  it('the sensor lost mid-calibration ends it without a result', async () => {
    const { session, person } = await countSession(6);
    session.calibrateCounts();
    await advance(2000);
    person.probe.drop();
    expect(session.countCalibration$.value).toMatchObject({ phase: 'failed', message: 'calibration.sensorLost' });
    expect(session.calibration$.value.display.unit).toBe('counts');
    person.stop();
    session.close();
  });
});

describe('the calibration rules', () => {
  /** Feeds a calibrator `level(t)` at 20 Hz through both phases. */
  function run(level: (tMs: number) => number): CountCalibrationState {
    const calibrator = new CountCalibrator();
    for (let t = 0; t <= CALIBRATION_REST_MS + CALIBRATION_SQUEEZE_MS; t += INTERVAL_MS) calibrator.push(t, level(t));
    return calibrator.state;
  }
  const squeezeFrom = CALIBRATION_REST_MS + 1000;

  it.each(SEEDS)('a spike on top of the hold does not count as the maximum (seed %i)', (seed) => {
    const random = mulberry32(seed);
    const state = run((t) => {
      const held = t >= squeezeFrom && t < squeezeFrom + 3000 ? 500 : 0;
      // One 100 ms cough spike of +800 counts mid-hold.
      const spike = t >= squeezeFrom + 1500 && t < squeezeFrom + 1600 ? 800 : 0;
      return 300 + 2 * (random() - 0.5) + held + spike;
    });
    expect(state.phase).toBe('done');
    expect(state.result?.restCounts).toBeCloseTo(300, 0);
    expect(state.result?.maxAboveRestCounts).toBeGreaterThan(495);
    expect(state.result?.maxAboveRestCounts).toBeLessThan(505);
  });

  it('a perfectly steady rest (every value the same) still needs a squeeze of a few counts', () => {
    expect(run((t) => (t >= squeezeFrom && t < squeezeFrom + 3000 ? 103 : 100))).toMatchObject({ phase: 'failed', message: 'calibration.tooWeak' });
    expect(run((t) => (t >= squeezeFrom && t < squeezeFrom + 3000 ? 140 : 100))).toMatchObject({
      phase: 'done',
      result: { restCounts: 100, maxAboveRestCounts: 40 },
    });
  });
});
