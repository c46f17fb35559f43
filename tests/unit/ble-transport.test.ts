import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { guardServer } from '../../src/ble/guard';
import { notifications, polledValues } from '../../src/ble/observe';
import { RateMeter } from '../../src/ble/rate';
import { GATT_TIMEOUT_MS } from '../../src/ble/timeout';
import { FakePeripheral } from './ble-fake-gatt';

const SERVICE = '0000181a-0000-1000-8000-00805f9b34fb';
const CHAR = '00002a6d-0000-1000-8000-00805f9b34fb';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A polled sensor whose reads take `delayMs` (Infinity: never answer), logging when each starts. */
function polledSensor(delayFor: (i: number) => number) {
  const starts: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const device = new FakePeripheral('DIY', {
    [SERVICE]: [
      {
        uuid: CHAR,
        read: () => {
          const i = starts.push(performance.now()) - 1;
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          const delay = delayFor(i);
          return new Promise<Uint8Array>((resolve) => {
            if (delay === Infinity) return;
            setTimeout(() => {
              inFlight--;
              resolve(Uint8Array.of(i & 0xff, 0, 0, 0));
            }, delay);
          });
        },
      },
    ],
  });
  return { device, starts, maxInFlight: () => maxInFlight };
}

async function characteristicOf(device: FakePeripheral) {
  const server = await device.gatt.connect();
  return (await server.getPrimaryService(SERVICE)).getCharacteristic(CHAR);
}

describe('polling a read-only sensor', () => {
  it('reads at a steady 20 Hz when the device answers quickly', async () => {
    const sensor = polledSensor(() => 5);
    const c = await characteristicOf(sensor.device);
    const valuesP = polledValues(c, sensor.device);
    await vi.advanceTimersByTimeAsync(5);
    const values: number[] = [];
    (await valuesP).subscribe((v) => values.push(v.getUint8(0)));
    await vi.advanceTimersByTimeAsync(1010);
    // The setup read, then one read every 50 ms: 20 in a second.
    expect(values).toEqual([...Array(21).keys()]);
    const gaps = sensor.starts.slice(1).map((t, i) => t - sensor.starts[i]);
    expect(gaps.slice(1).every((g) => g === 50)).toBe(true);
  });

  it('never overlaps reads: a device that takes 120 ms per read is read back to back, one at a time', async () => {
    const sensor = polledSensor(() => 120);
    const c = await characteristicOf(sensor.device);
    const valuesP = polledValues(c, sensor.device);
    await vi.advanceTimersByTimeAsync(120);
    let count = 0;
    (await valuesP).subscribe(() => count++);
    await vi.advanceTimersByTimeAsync(1500);
    expect(sensor.maxInFlight()).toBe(1);
    // 50 ms ticks that fall while a read is out are skipped: a read every 150 ms.
    expect(count).toBeGreaterThanOrEqual(10);
    expect(count).toBeLessThanOrEqual(11);
  });

  it('abandons a hung read after 1 s and goes on polling', async () => {
    const sensor = polledSensor((i) => (i === 3 ? Infinity : 5));
    const c = await characteristicOf(sensor.device);
    const valuesP = polledValues(c, sensor.device);
    await vi.advanceTimersByTimeAsync(5);
    const values: number[] = [];
    let failed: unknown = null;
    (await valuesP).subscribe({ next: (v) => values.push(v.getUint8(0)), error: (e: unknown) => (failed = e) });
    await vi.advanceTimersByTimeAsync(2000);
    expect(failed).toBeNull();
    expect(values.slice(0, 4)).toEqual([0, 1, 2, 4]);
    expect(values.length).toBeGreaterThan(15);
  });

  it('gives up with a timeout error after three hung reads in a row (the link is dead)', async () => {
    const sensor = polledSensor((i) => (i === 0 ? 5 : Infinity));
    const c = await characteristicOf(sensor.device);
    const valuesP = polledValues(c, sensor.device);
    await vi.advanceTimersByTimeAsync(5);
    let failed: unknown = null;
    (await valuesP).subscribe({ error: (e: unknown) => (failed = e) });
    await vi.advanceTimersByTimeAsync(3 * 1000 + 3 * 50);
    expect(failed).toMatchObject({ name: 'TimeoutError' });
  });

  it('stops when the device disconnects', async () => {
    const sensor = polledSensor(() => 5);
    const c = await characteristicOf(sensor.device);
    const valuesP = polledValues(c, sensor.device);
    await vi.advanceTimersByTimeAsync(5);
    let completed = false;
    (await valuesP).subscribe({ complete: () => (completed = true) });
    await vi.advanceTimersByTimeAsync(200);
    sensor.device.drop();
    const reads = sensor.starts.length;
    await vi.advanceTimersByTimeAsync(500);
    expect(completed).toBe(true);
    expect(sensor.starts.length).toBe(reads);
  });
});

describe('notifications', () => {
  it('subscribes before the stream starts and delivers values until the link drops', async () => {
    const device = new FakePeripheral('Boost', { [SERVICE]: [{ uuid: CHAR, notify: true }] });
    const c = await characteristicOf(device);
    const values$ = await notifications(c, device);
    expect(device.characteristic(CHAR).notifying).toBe(true);
    const values: number[] = [];
    let completed = false;
    values$.subscribe({ next: (v) => values.push(v.getUint8(0)), complete: () => (completed = true) });
    device.notify(CHAR, Uint8Array.of(7));
    device.notify(CHAR, Uint8Array.of(8));
    device.drop();
    expect(values).toEqual([7, 8]);
    expect(completed).toBe(true);
  });
});

describe('GATT timeouts', () => {
  it('a discovery the stack never answers fails after 5 s with a TimeoutError instead of hanging', async () => {
    const device = new FakePeripheral('Stuck', {});
    const stuck = { ...device.gatt, getPrimaryService: () => new Promise<never>(() => undefined) };
    const guarded = guardServer(stuck);
    const result = guarded.getPrimaryService(SERVICE).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(GATT_TIMEOUT_MS - 1);
    let settled = false;
    void result.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toMatchObject({ name: 'TimeoutError' });
  });

  it('a read that hangs after discovery is limited too', async () => {
    const sensor = polledSensor(() => Infinity);
    const server = guardServer(await sensor.device.gatt.connect());
    const c = await (await server.getPrimaryService(SERVICE)).getCharacteristic(CHAR);
    const result = c.readValue().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(GATT_TIMEOUT_MS);
    expect(await result).toMatchObject({ name: 'TimeoutError' });
  });
});

describe('measured sample rate', () => {
  it('is what arrives per second, whatever the device claims', () => {
    const meter = new RateMeter();
    expect(meter.rateHz()).toBeNull();
    // 3 s of a device that manages 18.5 samples per second.
    for (let i = 0; i < 56; i++) meter.add({ t: Float64Array.of(i * (1000 / 18.5)), p: Float32Array.of(0), ref: null, lostBefore: 0 });
    expect(meter.rateHz()).toBeCloseTo(18.5, 6);
    meter.reset();
    expect(meter.rateHz()).toBeNull();
  });
});
