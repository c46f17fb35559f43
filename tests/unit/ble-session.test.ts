import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulatedBluetooth, type SimulatedBluetooth } from '../../firmware-sim/bluetooth';
import type { SampleSource } from '../../firmware-sim/packet-stream';
import { RECONNECT_DELAYS_MS } from '../../src/ble/connection';
import { PRESSURE } from '../../src/ble/standard';
import { CONNECT_TIMEOUT_MS } from '../../src/ble/timeout';
import type { SampleBatch } from '../../src/pipeline/types';
import { TrainingSession } from '../../src/session/trainingSession';
import { FakePeripheral, fakeBluetooth } from './ble-fake-gatt';

/** A probe at rest around 30 cmH2O with a slow 10 cmH2O wave: every sample is predictable. */
const wave = (t: number): number => 30 + 10 * Math.sin((2 * Math.PI * t) / 4000);
const source: SampleSource = { hasReference: false, sampleAt: (t, out) => void (out.main = wave(t)) };

let current: TrainingSession | null = null;
/** What the screens would show of the current session's link. */
const link = () => {
  if (!current) throw new Error('no session');
  return current.link$.value;
};
const status = () => link().status;
/** A session as the app makes one, for a sensor reached through `bluetooth`. */
function sessionOn(bluetooth: ConstructorParameters<typeof TrainingSession>[0]['bluetooth'], simulated: boolean): TrainingSession {
  current = new TrainingSession({ bluetooth, simulated, mvc: null });
  return current;
}
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A session on the simulated reference device, with every batch the session passed on. */
async function simulatedSession() {
  const bluetooth: SimulatedBluetooth = createSimulatedBluetooth(source);
  const connects = vi.spyOn(bluetooth.device.gatt, 'connect');
  const choosers = vi.spyOn(bluetooth, 'requestDevice');
  const session = sessionOn(bluetooth, true);
  const batches: SampleBatch[] = [];
  session.samples$.subscribe((b) => batches.push(b));
  await session.open();
  return { bluetooth, session, batches, connects, choosers };
}

const snapshot = (session: TrainingSession) => {
  const { t, p } = session.recorder.data();
  return { t: Array.from(t), p: Array.from(p) };
};

describe('simulated sensor: the link drops mid-stream', () => {
  it('reconnects by itself, the stream goes on in the same stream time, nothing recorded is lost', async () => {
    const { bluetooth, session, batches, connects, choosers } = await simulatedSession();
    expect(status()).toBe('connected');
    await advance(3000);
    const before = snapshot(session);
    // 3 s at 50 Hz in packets of 5: ~150 samples, each the probe's reading at its device time
    // (the device booted as the session began, so stream time and device time coincide).
    expect(before.t.length).toBeGreaterThanOrEqual(145);
    before.t.forEach((t, i) => expect(before.p[i]).toBeCloseTo(wave(t), 1));

    bluetooth.device.simulateDisconnect();
    expect(status()).toBe('reconnecting');
    expect(link().reconnectAttempt).toBe(1);
    await advance(RECONNECT_DELAYS_MS[0] + 10);
    expect(status()).toBe('connected');
    expect(connects).toHaveBeenCalledTimes(2);
    expect(choosers).toHaveBeenCalledTimes(1); // no second chooser
    await advance(2000);

    const after = snapshot(session);
    // Everything measured before the drop is still there, unchanged.
    expect(after.t.slice(0, before.t.length)).toEqual(before.t);
    expect(after.p.slice(0, before.p.length)).toEqual(before.p);
    // ~2 s more samples, in the same stream time: the first one after the gap is ~0.5 s later.
    expect(after.t.length - before.t.length).toBeGreaterThanOrEqual(95);
    const resumed = after.t[before.t.length];
    const last = before.t[before.t.length - 1];
    expect(resumed - last).toBeGreaterThan(RECONNECT_DELAYS_MS[0]);
    expect(resumed - last).toBeLessThan(RECONNECT_DELAYS_MS[0] + 200);
    for (let i = 1; i < after.t.length; i++) expect(after.t[i]).toBeGreaterThan(after.t[i - 1]);
    // Resumed samples are still the probe's readings at their device time.
    for (let i = before.t.length; i < after.t.length; i++) expect(after.p[i]).toBeCloseTo(wave(after.t[i]), 1);
    // The gap is marked where it was, and consumers of batches$ see the same jump.
    expect(session.recorder.gaps).toEqual([{ fromMs: last, toMs: resumed }]);
    const jump = batches.findIndex((b) => b.t[0] === resumed);
    expect(batches[jump].t[0] - batches[jump - 1].t[batches[jump - 1].t.length - 1]).toBe(resumed - last);
    expect(link().dropouts).toBe(1);
    expect(link().lostSamples).toBe(0);
    session.close();
  });

  it('tries again with growing waits, then gives up with a plain message and keeps the data', async () => {
    const { bluetooth, session, connects } = await simulatedSession();
    await advance(2000);
    const before = snapshot(session);
    const attempts: number[] = [];
    connects.mockImplementation(async () => {
      attempts.push(performance.now());
      throw new DOMException('Connection failed for unknown reason.', 'NetworkError');
    });
    const droppedAt = performance.now();
    bluetooth.device.simulateDisconnect();
    await advance(RECONNECT_DELAYS_MS.reduce((a, b) => a + b, 0) + 100);

    // Waits of 0.5, 1, 2, 4, 8, 8, 8, 8 s between the attempts.
    const waits = attempts.map((t, i) => t - (i === 0 ? droppedAt : attempts[i - 1]));
    expect(waits).toEqual([...RECONNECT_DELAYS_MS]);
    expect(status()).toBe('disconnected');
    expect(link().error?.key).toBe('error.reconnectFailed');
    expect(snapshot(session)).toEqual(before);
    expect(session.recorder.gaps).toEqual([{ fromMs: before.t[before.t.length - 1], toMs: null }]);
  });

  it('a reconnect that hangs is abandoned after its timeout and the next attempt succeeds', async () => {
    const { bluetooth, session, connects } = await simulatedSession();
    await advance(1000);
    connects.mockImplementationOnce(() => new Promise(() => undefined));
    bluetooth.device.simulateDisconnect();
    await advance(RECONNECT_DELAYS_MS[0] + CONNECT_TIMEOUT_MS - 10);
    expect(status()).toBe('reconnecting');
    await advance(RECONNECT_DELAYS_MS[1] + 20);
    expect(status()).toBe('connected');
    expect(link().reconnectAttempt).toBe(0);
    const n = session.recorder.length;
    await advance(1000);
    expect(session.recorder.length).toBeGreaterThan(n + 40);
    session.close();
  });

  it('a disconnect the user asked for is not reconnected', async () => {
    const { session, connects } = await simulatedSession();
    await advance(1000);
    session.close();
    await advance(20_000);
    expect(status()).toBe('idle');
    expect(connects).toHaveBeenCalledTimes(1);
  });
});

describe('simulated sensor: bad data', () => {
  it('counts malformed packets and sequence gaps, and the stream carries on', async () => {
    const { bluetooth, session } = await simulatedSession();
    await advance(500);
    bluetooth.device.injectRaw(Uint8Array.of(1, 0, 0, 0));
    bluetooth.device.injectRaw(Uint8Array.of(9, 0, 0, 0, 0, 0, 0, 0, 1, 50, 0, 0));
    bluetooth.device.dropPackets(2);
    const n = session.recorder.length;
    await advance(1000);
    expect(link().malformedPackets).toBe(2);
    expect(link().lostSamples).toBe(10);
    expect(session.recorder.length).toBe(n + 50 - 10);
    expect(status()).toBe('connected');
    session.close();
  });
});

describe('a polled sensor without timestamps (Environmental Sensing)', () => {
  const ESS = '0000181a-0000-1000-8000-00805f9b34fb';
  /** 1000.00 hPa ambient plus 0.1 Pa per read, so each sample tells which read it was. */
  function diy() {
    let reads = 0;
    return new FakePeripheral('DIY Perineometer', {
      [ESS]: [
        {
          uuid: PRESSURE,
          read: () => {
            const b = new Uint8Array(4);
            new DataView(b.buffer).setUint32(0, 1_000_000 + reads++, true);
            return b;
          },
        },
      ],
    });
  }

  it('stamps samples with arrival time, measures the rate, and keeps the session origin across a reconnect', async () => {
    const device = diy();
    const session = sessionOn(fakeBluetooth(device), false);
    await session.open();
    expect(link()).toMatchObject({ status: 'connected', profileName: 'Standard pressure sensor (Environmental Sensing)', unit: 'cmH2O' });
    await advance(2000);
    expect(link().sampleRateHz).toBeCloseTo(20, 0);
    const before = snapshot(session);
    expect(before.p[0]).toBeCloseTo(100_000 / 98.0665, 3);

    device.drop();
    expect(status()).toBe('reconnecting');
    await advance(3000);
    expect(status()).toBe('connected');
    const after = snapshot(session);
    expect(after.t.slice(0, before.t.length)).toEqual(before.t);
    // Stream time is time since the session began: the first sample after the gap is at ~2.5 s.
    const resumed = after.t[before.t.length];
    expect(resumed).toBeGreaterThanOrEqual(2000 + RECONNECT_DELAYS_MS[0]);
    expect(resumed).toBeLessThan(2000 + RECONNECT_DELAYS_MS[0] + 60);
    expect(after.t[after.t.length - 1]).toBeCloseTo(5000, -2);
    expect(session.recorder.gaps).toHaveLength(1);
    session.close();
  });

  it('a device that refuses the pressure read fails the connection with a plain message', async () => {
    const device = new FakePeripheral('DIY', { [ESS]: [{ uuid: PRESSURE, notify: false }] });
    const session = sessionOn(fakeBluetooth(device), false);
    await session.open();
    expect(link().status).toBe('failed');
    expect(link().error?.key).toBe('error.notSupported');
    expect(device.gatt.connected).toBe(false);
  });

  it('a sensor whose discovery never answers fails after the timeout with a plain message', async () => {
    const device = diy();
    vi.spyOn(device.gatt, 'getPrimaryServices').mockImplementation(() => new Promise(() => undefined));
    const session = sessionOn(fakeBluetooth(device), false);
    const done = session.open();
    await advance(10_000);
    await done;
    expect(link().status).toBe('failed');
    expect(link().error?.key).toBe('error.timeout');
  });
});
