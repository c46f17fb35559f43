/**
 * The training session end to end on the simulated reference device (fake timers: virtual wall
 * clock): a strength set through link drops, a silent device, a bad timestamp and a disconnect.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulatedBluetooth, type SimulatedBluetooth } from '../../firmware-sim/bluetooth';
import { createCoachedUser } from '../../firmware-sim/coach';
import { encodePressurePacket } from '../../protocol/reference';
import { RECONNECT_DELAYS_MS } from '../../src/ble/connection';
import { PERIFIT_PRESSURE, PERIFIT_SERVICE } from '../../src/ble/profiles/perifit';
import { getProgram } from '../../src/programs/catalog';
import type { ProgramParams, RepResult } from '../../src/programs/types';
import type { JournalOpener } from '../../src/session/journalPort';
import { TrainingSession } from '../../src/session/trainingSession';
import { FakePeripheral, fakeBluetooth } from './ble-fake-gatt';

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const strength = getProgram('strength');
/** Lead-in 5 s, then 4 reps of 4 s hold and 6 s rest: squeezes at 5, 15, 25 and 35 s. */
const params: ProgramParams = { ...strength.defaults, holdMs: 4000, restMs: 6000, reps: 4, sets: 1, flicks: 0 };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

async function coachedSession(seed: number) {
  const user = createCoachedUser(seed, { freePractice: false, mvcCmH2O: 35 });
  const bluetooth: SimulatedBluetooth = createSimulatedBluetooth(user);
  const session = new TrainingSession({ bluetooth, simulated: true, mvc: { cmH2O: 35, source: 'test' }, cueFollower: (cue) => user.onCue(cue) });
  await session.open();
  expect(session.link$.value.status).toBe('connected');
  return { session, bluetooth };
}

const kinds = (results: readonly RepResult[]) => results.map((r) => r.kind);
const SEEDS = [3, 5, 8, 13, 21, 34];

describe('a strength set with the link dropping', () => {
  it.each(SEEDS)('between reps: reconnects, keeps the reps judged, judges the rest (seed %i)', async (seed) => {
    const { session, bluetooth } = await coachedSession(seed);
    session.start(strength, params);
    // Two reps done; the drop comes in the second rest.
    await advance(5000 + 2 * 10_000 - 2000);
    const before = session.program$.value.results;
    expect(kinds(before)).toEqual(['rep', 'rep']);

    bluetooth.device.simulateDisconnect();
    expect(session.link$.value.status).toBe('reconnecting');
    await advance(RECONNECT_DELAYS_MS[0] + 100);
    expect(session.link$.value.status).toBe('connected');

    await advance(2 * 10_000 + 8000);
    const { results, status } = session.program$.value;
    expect(status).toBe('done');
    expect(results.slice(0, 2)).toEqual(before);
    expect(kinds(results)).toEqual(['rep', 'rep', 'rep', 'rep']);
    for (const r of results) if (r.kind === 'rep') expect(r.rep.peakCmH2O).toBeGreaterThan(15);
    expect(session.recorder.gaps).toHaveLength(1);
    session.close();
  });

  it.each(SEEDS)('mid-squeeze: pauses at once, the countdown stands still, the squeeze is kept as cut, the set finishes (seed %i)', async (seed) => {
    const { session, bluetooth } = await coachedSession(seed);
    session.start(strength, params);
    // 2 s into the second squeeze (15–19 s).
    await advance(17_000);
    expect(session.program$.value.view).toMatchObject({ segment: 'squeeze', step: 1, paused: null });
    const failing = vi.spyOn(bluetooth.device.gatt, 'connect').mockRejectedValue(new DOMException('Connection failed for unknown reason.', 'NetworkError'));
    bluetooth.device.simulateDisconnect();
    // Shown the moment the link drops, without waiting for any sample.
    const paused = session.program$.value.view;
    expect(paused).toMatchObject({ paused: 'sensorLost', step: 1 });
    await advance(3000);
    // Nothing advanced during the outage.
    expect(session.program$.value.view).toEqual(paused);
    failing.mockRestore();
    await advance(RECONNECT_DELAYS_MS[2] + 200);
    expect(session.link$.value.status).toBe('connected');
    const resumed = session.program$.value.view;
    expect(resumed).toMatchObject({ paused: null, segment: 'relax', step: 1 });

    await advance(40_000);
    const { results, status, summary } = session.program$.value;
    expect(status).toBe('done');
    // Every planned squeeze has its result: the one under way at the drop is cut, not missed.
    expect(results.map((r) => (r.kind === 'rep' ? r.rep.cueIndex : r.cueIndex))).toEqual([0, 1, 2, 3]);
    expect(kinds(results)).toEqual(['rep', 'cut', 'rep', 'rep']);
    const cut = results[1];
    // Measured up to the gap: a squeeze of the virtual user's ~35 cmH2O held 2 s before the drop.
    expect(cut.kind === 'cut' && cut.rep?.cut).toBe(true);
    expect(cut.kind === 'cut' && cut.rep !== null && cut.rep.peakCmH2O).toBeGreaterThan(15);
    expect(summary?.session).toMatchObject({ repsDone: 3, cut: 1, missed: 0 });
    session.close();
  });

  it('when reconnection gives up, the set ends cleanly with its summary', async () => {
    const { session, bluetooth } = await coachedSession(7);
    session.start(strength, params);
    await advance(12_000);
    vi.spyOn(bluetooth.device.gatt, 'connect').mockRejectedValue(new DOMException('Connection failed for unknown reason.', 'NetworkError'));
    bluetooth.device.simulateDisconnect();
    await advance(RECONNECT_DELAYS_MS.reduce((a, b) => a + b, 0) + 500);
    expect(session.link$.value.status).toBe('disconnected');
    const { status, summary, results } = session.program$.value;
    expect(status).toBe('done');
    expect(summary).toMatchObject({ completed: false, session: { repsDone: 1 } });
    expect(results[0].kind).toBe('rep');
    session.close();
  });

  it('Disconnect during a program ends the set with its summary', async () => {
    const { session } = await coachedSession(11);
    session.start(strength, params);
    // Two reps done (squeezes at 5 and 15 s), the third not yet asked for.
    await advance(20_000);
    session.close();
    const { status, summary } = session.program$.value;
    expect(status).toBe('done');
    expect(summary).toMatchObject({ completed: false, session: { repsDone: 2, missed: 0 } });
    expect(session.link$.value.status).toBe('idle');
  });

  it('one packet stamped an hour ahead is not an hour passing: the set goes on', async () => {
    const { session, bluetooth } = await coachedSession(9);
    session.start(strength, params);
    await advance(8000);
    const ahead = bluetooth.device.deviceNow() + 3_600_000;
    // A plausible reading, only its time is wrong.
    const reading = session.buffer.latestPressure();
    bluetooth.device.injectRaw(
      encodePressurePacket({
        version: 1,
        flags: { tared: false, clipped: false },
        sequence: 0,
        timestampMs: ahead,
        rateHz: 50,
        main: Float32Array.of(reading),
        ref: null,
      }),
    );
    await advance(40_000);
    const { results, status } = session.program$.value;
    expect(status).toBe('done');
    // Each of the 4 squeezes judged on time, none missed.
    const cued = results.flatMap((r) => (r.kind === 'rep' && r.rep.role === 'cued' ? [r.rep.cueIndex] : []));
    expect(cued).toEqual([0, 1, 2, 3]);
    expect(kinds(results)).not.toContain('missed');
    expect(session.link$.value.timeJumps).toBeGreaterThan(0);
    // Stream time kept pace with the clock (48 s), never an hour.
    expect(session.nowMs()).toBeLessThan(60_000);
    session.close();
  });
});

describe('a notify device that goes silent while its link stays up', () => {
  it('is noticed within about a second and reconnected, and the gap is recorded', async () => {
    let sending = true;
    const probe = new FakePeripheral('Perifit', { [PERIFIT_SERVICE]: [{ uuid: PERIFIT_PRESSURE, notify: true }] });
    const bytes = Uint8Array.of(0x10, 0x02, 0x20, 0x01);
    const timer = setInterval(() => sending && probe.gatt.connected && probe.notify(PERIFIT_PRESSURE, bytes), 50);
    const session = new TrainingSession({ bluetooth: fakeBluetooth(probe), simulated: false, mvc: null });
    await session.open();
    await advance(2000);
    expect(session.link$.value).toMatchObject({ status: 'connected', profileName: 'Perifit' });
    expect(session.link$.value.sampleRateHz).toBeCloseTo(20, 0);

    sending = false;
    const silentAt = performance.now();
    while (session.link$.value.status === 'connected' && performance.now() - silentAt < 5000) await advance(20);
    expect(session.link$.value.status).toBe('reconnecting');
    // 1 s of silence (radio jitter aside), seen by a watchdog that looks every 100 ms.
    expect(performance.now() - silentAt).toBeLessThan(1200);

    sending = true;
    await advance(RECONNECT_DELAYS_MS[0] + 200);
    expect(session.link$.value.status).toBe('connected');
    await advance(1000);
    expect(session.recorder.gaps).toHaveLength(1);
    expect(session.recorder.gaps[0].toMs).not.toBeNull();
    clearInterval(timer);
    session.close();
  });
});

describe('the journal: one session per program', () => {
  /** A journal opener that keeps, per session opened, the programs described, the samples and whether it ended. */
  function notingJournal() {
    const opened: { programs: string[]; samples: number; ended: boolean }[] = [];
    const journal: JournalOpener = () => {
      const s = { programs: [] as string[], samples: 0, ended: false };
      opened.push(s);
      return {
        samples: (b) => void (s.samples += b.t.length),
        flush: () => undefined,
        record: () => undefined,
        describe: (p) => void (p.programId != null && s.programs.push(p.programId)),
        end: () => void (s.ended = true),
      };
    };
    return { opened, journal };
  }
  const twoReps: ProgramParams = { ...params, reps: 2 };

  it('a second program on the same connection is a session of its own; a stopped one continued is not', async () => {
    const { opened, journal } = notingJournal();
    const user = createCoachedUser(4, { freePractice: false, mvcCmH2O: 35 });
    const bluetooth = createSimulatedBluetooth(user);
    const session = new TrainingSession({ bluetooth, simulated: true, mvc: { cmH2O: 35, source: 'test' }, cueFollower: (cue) => user.onCue(cue), journal });
    await session.open();
    expect(opened).toHaveLength(1);

    session.start(strength, twoReps);
    await advance(30_000);
    expect(session.program$.value.status).toBe('done');
    const endurance = getProgram('endurance');
    session.start(endurance, endurance.defaults);
    expect(opened.map((s) => [s.programs, s.ended])).toEqual([
      [['strength'], true],
      [['endurance'], false],
    ]);
    const firstSamples = opened[0].samples;
    await advance(3000);
    // What the sensor sends now belongs to the second session only.
    expect(opened[0].samples).toBe(firstSamples);
    expect(opened[1].samples).toBeGreaterThan(0);

    // Stopped and continued from where it stopped: the same program, the same session.
    session.stop();
    session.start(endurance, endurance.defaults, 1);
    expect(opened).toHaveLength(2);
    session.close();
    expect(opened[1].ended).toBe(true);
  });
});
