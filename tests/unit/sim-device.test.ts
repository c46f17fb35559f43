import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GattCharacteristic } from '../../protocol/gatt';
import { createSimulatedBluetooth } from '../../firmware-sim/bluetooth';
import { ManualClock, type DeviceClock } from '../../firmware-sim/clock';
import { SimulatedPerineometer, type SimDeviceOptions } from '../../firmware-sim/device';
import type { SampleSource } from '../../firmware-sim/packet-stream';
import {
  BATTERY_LEVEL,
  BATTERY_SERVICE,
  CONTROL_POINT,
  DEVICE_CONFIGURATION,
  PRESSURE_MEASUREMENT,
  PacketError,
  REFERENCE_SERVICE,
  decodeConfig,
  decodePressurePacket,
  encodeControl,
  uuid16,
  type PressurePacket,
} from '../../protocol/reference';

/** A probe reading f(t), recording every time it is asked for so ordering can be checked. */
class FunctionSource implements SampleSource {
  readonly times: number[] = [];
  constructor(
    readonly main: (t: number) => number,
    readonly ref: ((t: number) => number) | null = null,
  ) {}
  get hasReference(): boolean {
    return this.ref !== null;
  }
  sampleAt(tMs: number, out: { main: number; ref: number }): void {
    this.times.push(tMs);
    out.main = this.main(tMs);
    out.ref = this.ref ? this.ref(tMs) : Number.NaN;
  }
}

const sine = (t: number): number => 20 + 10 * Math.sin((2 * Math.PI * t) / 2000);
const ramp = (t: number): number => t / 100;

function valueOf(c: GattCharacteristic): DataView {
  if (!c.value) throw new Error(`characteristic ${c.uuid} has no value`);
  return c.value;
}

async function setUp(source: SampleSource = new FunctionSource(sine), opts: SimDeviceOptions = {}) {
  const clock = new ManualClock();
  const device = new SimulatedPerineometer(source, { clock, ...opts });
  const link = await open(device);
  return { clock, device, ...link };
}

/** Connects, fetches the reference service, and collects decoded pressure packets. */
async function open(device: SimulatedPerineometer) {
  const server = await device.gatt.connect();
  const service = await server.getPrimaryService(REFERENCE_SERVICE);
  const pressure = await service.getCharacteristic(PRESSURE_MEASUREMENT);
  const control = await service.getCharacteristic(CONTROL_POINT);
  const config = await service.getCharacteristic(DEVICE_CONFIGURATION);
  const packets: PressurePacket[] = [];
  const malformed: unknown[] = [];
  pressure.addEventListener('characteristicvaluechanged', () => {
    try {
      packets.push(decodePressurePacket(valueOf(pressure)));
    } catch (e) {
      malformed.push(e);
    }
  });
  return { server, service, pressure, control, config, packets, malformed };
}

const sequences = (packets: readonly PressurePacket[]): number[] => packets.map((p) => p.sequence);
const timestamps = (packets: readonly PressurePacket[]): number[] => packets.map((p) => p.timestampMs);

describe('streaming under a manual clock', () => {
  it.each([20, 30, 50, 100])('%i Hz: consecutive sequence, device-time timestamps, sampled values', async (rateHz) => {
    const source = new FunctionSource(sine);
    const { clock, pressure, packets } = await setUp(source, { rateHz });
    await pressure.startNotifications();
    clock.advance(2001);

    const period = 1000 / rateHz;
    const packetMs = 5 * period;
    const expected = Math.floor((2001 - 4 * period) / packetMs) + 1;
    expect(packets).toHaveLength(expected);
    expect(sequences(packets)).toEqual([...Array(expected).keys()]);
    expect(timestamps(packets)).toEqual([...Array(expected).keys()].map((j) => Math.round(j * packetMs)));
    for (const p of packets) {
      expect(p.rateHz).toBe(rateHz);
      expect(p.ref).toBeNull();
      expect(p.flags).toEqual({ tared: false, clipped: false });
      // Exact sample times (the wire timestamp is rounded to whole ms); 0.05 = quantisation.
      p.main.forEach((v, i) => expect(Math.abs(v - sine((p.sequence * 5 + i) * period))).toBeLessThanOrEqual(0.0501));
    }
  });

  it('catches up when ticks are throttled, losing no samples', async () => {
    const inner = new ManualClock();
    const throttled: DeviceClock = { now: () => inner.now(), every: (fn) => inner.every(fn, 1000) };
    const device = new SimulatedPerineometer(new FunctionSource(sine), { clock: throttled });
    const { pressure, packets } = await open(device);
    await pressure.startNotifications();
    inner.advance(999);
    expect(packets).toHaveLength(0);
    inner.advance(2001);
    expect(sequences(packets)).toEqual([...Array(30).keys()]);
    expect(timestamps(packets)).toEqual([...Array(30).keys()].map((j) => j * 100));
  });

  it('runs in real time on the default clock (here driven by fake timers)', async () => {
    vi.useFakeTimers();
    try {
      const device = new SimulatedPerineometer(new FunctionSource(sine));
      const { pressure, packets } = await open(device);
      await pressure.startNotifications();
      vi.advanceTimersByTime(1000);
      expect(timestamps(packets)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
      device.gatt.disconnect();
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends the reference channel when the source has one', async () => {
    const refFn = (t: number) => 5 + t / 1000;
    const { clock, pressure, packets } = await setUp(new FunctionSource(sine, refFn));
    await pressure.startNotifications();
    clock.advance(300);
    expect(packets.length).toBeGreaterThan(0);
    for (const p of packets) {
      expect(p.ref).not.toBeNull();
      p.ref?.forEach((v, i) => expect(v).toBeCloseTo(refFn(p.timestampMs + i * 20), 1));
    }
  });

  it('clips readings beyond full scale and flags the packet', async () => {
    const { clock, pressure, packets } = await setUp(new FunctionSource((t) => (t < 100 ? 10 : 400)), { fullScaleCmH2O: 300 });
    await pressure.startNotifications();
    clock.advance(200);
    expect(packets[0].flags.clipped).toBe(false);
    expect(packets[1].flags.clipped).toBe(true);
    expect(packets[1].main[0]).toBeCloseTo(300, 5);
  });

  it('wraps sequence and timestamp', async () => {
    const { clock, pressure, packets } = await setUp(undefined, { uptimeMs: 2 ** 32 - 150, initialSequence: 65534 });
    await pressure.startNotifications();
    clock.advance(300);
    expect(sequences(packets)).toEqual([65534, 65535, 0]);
    expect(timestamps(packets)).toEqual([2 ** 32 - 150, 2 ** 32 - 50, 50]);
  });
});

describe('fault hooks', () => {
  it('dropPackets(n) leaves a sequence gap the receiver can see', async () => {
    const { clock, device, pressure, packets } = await setUp();
    await pressure.startNotifications();
    clock.advance(450);
    device.dropPackets(2);
    clock.advance(550);
    expect(sequences(packets)).toEqual([0, 1, 2, 3, 6, 7, 8, 9]);
    expect(timestamps(packets)[4]).toBe(600);
  });

  it('injectRaw delivers arbitrary bytes, which the decoder rejects cleanly', async () => {
    const { clock, device, pressure, packets, malformed } = await setUp();
    expect(() => device.injectRaw(Uint8Array.of(1, 2, 3))).toThrow(/no client is subscribed/);
    await pressure.startNotifications();
    device.injectRaw(Uint8Array.of(1, 2, 3));
    expect(valueOf(pressure).byteLength).toBe(3);
    expect(malformed).toHaveLength(1);
    expect(malformed[0]).toBeInstanceOf(PacketError);
    expect(malformed[0]).toMatchObject({ code: 'too-short' });
    // The stream itself is unaffected.
    clock.advance(100);
    expect(sequences(packets)).toEqual([0]);
  });

  it('simulateDisconnect drops the link; reconnecting and resubscribing resumes the sequence', async () => {
    const { clock, device, pressure, control, packets } = await setUp();
    const disconnected = vi.fn();
    device.addEventListener('gattserverdisconnected', disconnected);
    await pressure.startNotifications();
    clock.advance(350);
    device.simulateDisconnect();
    expect(disconnected).toHaveBeenCalledTimes(1);
    expect(device.gatt.connected).toBe(false);
    expect(device.streaming).toBe(false);
    clock.advance(1000);
    expect(sequences(packets)).toEqual([0, 1, 2]);

    // Objects of the old connection are dead, as in Chrome.
    await expect(control.writeValueWithResponse(encodeControl({ op: 'tare' }))).rejects.toMatchObject({ name: 'NetworkError' });
    await expect(device.gatt.getPrimaryService(REFERENCE_SERVICE)).rejects.toMatchObject({ name: 'NetworkError' });

    const again = await open(device);
    await expect(pressure.startNotifications()).rejects.toMatchObject({ name: 'InvalidStateError' });
    await again.pressure.startNotifications();
    clock.advance(200);
    expect(sequences(again.packets)).toEqual([3, 4]);
    expect(timestamps(again.packets)).toEqual([1350, 1450]);
    device.simulateDisconnect();
    device.simulateDisconnect();
    expect(disconnected).toHaveBeenCalledTimes(2);
  });

  it('gatt.disconnect() fires gattserverdisconnected and stops the stream', async () => {
    const { clock, device, server, pressure, packets } = await setUp();
    const disconnected = vi.fn();
    device.addEventListener('gattserverdisconnected', disconnected);
    await pressure.startNotifications();
    clock.advance(100);
    server.disconnect();
    clock.advance(1000);
    expect(disconnected).toHaveBeenCalledTimes(1);
    expect(server.connected).toBe(false);
    expect(packets).toHaveLength(1);
  });

  it('battery level reads, notifies and validates', async () => {
    const { device, server } = await setUp();
    const battery = await (await server.getPrimaryService(BATTERY_SERVICE)).getCharacteristic(BATTERY_LEVEL);
    expect((await battery.readValue()).getUint8(0)).toBe(87);
    const levels: number[] = [];
    battery.addEventListener('characteristicvaluechanged', () => levels.push(valueOf(battery).getUint8(0)));
    await battery.startNotifications();
    device.batteryLevel = 42;
    expect(levels).toEqual([42]);
    expect(() => {
      device.batteryLevel = 101;
    }).toThrow(RangeError);
  });
});

describe('control point', () => {
  const write = (c: GattCharacteristic, ...bytes: number[]) => c.writeValueWithResponse(Uint8Array.from(bytes));

  it('tare while streaming subtracts the mean of the last 0.5 s, after flushing the partial packet', async () => {
    const { clock, pressure, control, packets } = await setUp(new FunctionSource(ramp));
    await pressure.startNotifications();
    clock.advance(1000);
    await write(control, 0x01);
    // The sample at 1000 ms was the first of a packet: it goes out alone, untared.
    expect(packets.at(-1)).toMatchObject({ timestampMs: 1000, flags: { tared: false } });
    expect(packets.at(-1)?.main.length).toBe(1);
    clock.advance(200);
    const after = packets.at(-1) as PressurePacket;
    expect(after.flags.tared).toBe(true);
    // Rest window (500, 1000] at 50 Hz: 520 … 1000 ms, mean 760 ms → 7.6 cmH2O.
    after.main.forEach((v, i) => expect(v).toBeCloseTo(ramp(after.timestampMs + 20 * i) - 7.6, 4));
  });

  it('tare while idle samples the rest window on the spot, with source times kept increasing', async () => {
    const source = new FunctionSource(ramp);
    const { clock, pressure, control, config, packets } = await setUp(source);
    clock.advance(1000);
    await write(control, 0x01);
    expect(decodeConfig(await config.readValue()).tared).toBe(true);
    await pressure.startNotifications();
    clock.advance(100);
    expect(packets[0].timestampMs).toBe(1020);
    expect(packets[0].flags.tared).toBe(true);
    expect(packets[0].main[0]).toBeCloseTo(10.2 - 7.6, 4);
    expect(source.times.every((t, i) => i === 0 || t > source.times[i - 1])).toBe(true);
  });

  it('stop sends the partial packet and halts; start resumes with the next sequence number', async () => {
    const { clock, device, pressure, control, config, packets } = await setUp();
    await pressure.startNotifications();
    clock.advance(250);
    await write(control, 0x03);
    expect(device.streaming).toBe(false);
    expect(decodeConfig(await config.readValue()).streaming).toBe(false);
    expect(packets.at(-1)).toMatchObject({ sequence: 2, timestampMs: 200 });
    expect(packets.at(-1)?.main.length).toBe(3);
    clock.advance(500);
    expect(packets).toHaveLength(3);
    await write(control, 0x02);
    clock.advance(100);
    expect(packets.at(-1)).toMatchObject({ sequence: 3, timestampMs: 750 });
  });

  it('set rate and set samples per packet apply from the next packet', async () => {
    const { clock, pressure, control, config, packets } = await setUp();
    await pressure.startNotifications();
    clock.advance(500);
    await write(control, 0x04, 100);
    expect(packets.at(-1)).toMatchObject({ timestampMs: 500, rateHz: 50 });
    clock.advance(150);
    expect(packets.slice(-2).map((p) => [p.timestampMs, p.rateHz, p.main.length])).toEqual([
      [520, 100, 5],
      [570, 100, 5],
    ]);
    // At 650 ms, samples 620–650 are pending: they go out as a 4-sample packet first.
    await write(control, 0x05, 1);
    clock.advance(30);
    expect(packets.slice(-4).map((p) => [p.timestampMs, p.main.length])).toEqual([
      [620, 4],
      [660, 1],
      [670, 1],
      [680, 1],
    ]);
    const c = decodeConfig(await config.readValue());
    expect([c.rateHz, c.samplesPerPacket, c.streaming, c.hasReference]).toEqual([100, 1, true, false]);
  });

  it.each([
    [[0x09], /Unknown control opcode 0x09/],
    [[0x04, 10], /Sample rate 10 Hz is not supported/],
    [[0x05, 0], /Samples per packet 0/],
    [[0x01, 0x00], /takes 1 byte/],
    [[], /Empty control point write/],
  ])('rejects %j as an ATT application error and changes nothing', async (bytes, reason) => {
    const { control, config } = await setUp();
    const before = decodeConfig(await config.readValue());
    const rejection = write(control, ...bytes);
    await expect(rejection).rejects.toMatchObject({ name: 'NotSupportedError' });
    await expect(rejection).rejects.toThrow(/ATT error 0x80/);
    await expect(rejection).rejects.toThrow(reason);
    expect(decodeConfig(await config.readValue())).toEqual(before);
  });
});

describe('GATT surface', () => {
  it('resolves services and characteristics by alias, number and name; unknown ones are NotFoundError', async () => {
    const { server, service } = await setUp();
    const info = await server.getPrimaryService('device_information');
    expect(new TextDecoder().decode(await (await info.getCharacteristic('manufacturer_name_string')).readValue())).toBe('PFT open reference design');
    expect(new TextDecoder().decode(await (await info.getCharacteristic(0x2a26)).readValue())).toBe('1.0.0-sim');
    expect((await server.getPrimaryService(0x180f)).uuid).toBe(BATTERY_SERVICE);
    await expect(server.getPrimaryService(0x1234)).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(service.getCharacteristic(uuid16(0x2a00))).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(server.getPrimaryService('not_a_service')).rejects.toBeInstanceOf(TypeError);
    await expect(server.getPrimaryService(REFERENCE_SERVICE.toUpperCase())).rejects.toBeInstanceOf(TypeError);
    expect((await server.getPrimaryServices()).map((s) => s.uuid)).toHaveLength(3);
  });

  it('needs a connection, notify support, and returns the same objects within a connection', async () => {
    const device = new SimulatedPerineometer(new FunctionSource(sine), { clock: new ManualClock() });
    await expect(device.gatt.getPrimaryService(REFERENCE_SERVICE)).rejects.toMatchObject({ name: 'NetworkError' });
    const { service, config, control } = await open(device);
    expect(await service.getCharacteristic(CONTROL_POINT)).toBe(control);
    expect(config.properties).toMatchObject({ read: true, write: false, notify: false });
    await expect(config.startNotifications()).rejects.toMatchObject({ name: 'NotSupportedError' });
    await expect(config.writeValueWithResponse(new Uint8Array(1))).rejects.toMatchObject({ name: 'NotSupportedError' });
    await expect(control.readValue()).rejects.toMatchObject({ name: 'NotSupportedError' });
  });

  it('readValue fires characteristicvaluechanged, as Chrome does', async () => {
    const { config } = await setUp();
    const fired = vi.fn();
    config.addEventListener('characteristicvaluechanged', fired);
    const value = await config.readValue();
    expect(fired).toHaveBeenCalledTimes(1);
    expect(config.value).toBe(value);
  });
});

describe('simulated navigator.bluetooth', () => {
  const newSim = () => createSimulatedBluetooth(new FunctionSource(sine), { clock: new ManualClock() });
  afterEach(() => vi.restoreAllMocks());

  it('finds the device by service, name or name prefix, and only then', async () => {
    const sim = newSim();
    expect(await sim.getAvailability()).toBe(true);
    for (const filters of [
      [{ services: [REFERENCE_SERVICE] }],
      [{ namePrefix: 'PFT-Ref' }],
      [{ name: 'PFT-Ref Simulated' }],
      [{ namePrefix: 'Perifit' }, { services: [REFERENCE_SERVICE] }],
    ]) {
      expect(await sim.requestDevice({ filters })).toBe(sim.device);
    }
    for (const filters of [
      [{ namePrefix: 'Perifit' }],
      [{ services: [BATTERY_SERVICE] }],
      [{ services: [REFERENCE_SERVICE], namePrefix: 'Boost' }],
      [{ manufacturerData: [{ companyIdentifier: 0x0059 }] }],
    ]) {
      await expect(sim.requestDevice({ filters })).rejects.toMatchObject({ name: 'NotFoundError', message: /No devices found/ });
    }
  });

  it('rejects malformed options with TypeError, as Chrome does', async () => {
    const sim = newSim();
    const bad: unknown[] = [
      {},
      { filters: [] },
      { filters: [{}] },
      { filters: [{ namePrefix: '' }] },
      { filters: [{ services: [] }] },
      { filters: [{ namePrefix: 'PFT' }], acceptAllDevices: true },
      { filters: [{ namePrefix: 'PFT' }], optionalServices: ['batteryservice'] },
    ];
    for (const options of bad) {
      await expect(sim.requestDevice(options as RequestDeviceOptions)).rejects.toBeInstanceOf(TypeError);
    }
  });

  it('allows only services from the filters and optionalServices', async () => {
    const sim = newSim();
    const byName = await sim.requestDevice({ filters: [{ namePrefix: 'PFT-Ref' }] });
    const server = await byName.gatt?.connect();
    if (!server) throw new Error('no gatt');
    await expect(server.getPrimaryService(REFERENCE_SERVICE)).rejects.toMatchObject({
      name: 'SecurityError',
      message: /optionalServices/,
    });
    await expect(server.getPrimaryServices()).rejects.toMatchObject({ name: 'SecurityError' });

    await sim.requestDevice({ filters: [{ services: [REFERENCE_SERVICE] }], optionalServices: ['battery_service'] });
    await server.getPrimaryService(REFERENCE_SERVICE);
    await server.getPrimaryService(0x180f);
    await expect(server.getPrimaryService('device_information')).rejects.toMatchObject({ name: 'SecurityError' });
    expect((await server.getPrimaryServices()).map((s) => s.uuid).sort()).toEqual([BATTERY_SERVICE, REFERENCE_SERVICE].sort());
  });

  it('acceptAllDevices grants only optionalServices', async () => {
    const sim = newSim();
    const device = await sim.requestDevice({ acceptAllDevices: true, optionalServices: [REFERENCE_SERVICE] });
    const server = await device.gatt?.connect();
    await expect(server?.getPrimaryService(REFERENCE_SERVICE)).resolves.toBeDefined();
    await expect(server?.getPrimaryService(BATTERY_SERVICE)).rejects.toMatchObject({ name: 'SecurityError' });
  });

  it('models a switched-off adapter and a cancelled chooser; methods work unbound', async () => {
    const sim = newSim();
    // eslint-disable-next-line @typescript-eslint/unbound-method -- what this test checks: the simulator's methods close over it
    const { getAvailability, requestDevice } = sim;
    const options = { filters: [{ services: [REFERENCE_SERVICE] }] };
    sim.chooser = 'cancel';
    await expect(requestDevice(options)).rejects.toMatchObject({ name: 'NotFoundError', message: /cancelled/ });
    sim.available = false;
    expect(await getAvailability()).toBe(false);
    await expect(requestDevice(options)).rejects.toMatchObject({ name: 'NotFoundError', message: /not available/ });
  });
});
