import { describe, expect, it } from 'vitest';
import { createSimulatedBluetooth } from '../../firmware-sim/bluetooth';
import { NAME_PREFIX, REFERENCE_SERVICE } from '../../protocol/reference';
import { identifyProfile, pairSensor, requestOptions } from '../../src/ble/pairing';
import { PROFILES } from '../../src/ble/profiles';
import { ELVIE_PRESSURE, ELVIE_SERVICE } from '../../src/ble/profiles/elvie';
import { FEMFIT_SERVICE } from '../../src/ble/profiles/femfit';
import { KGOAL_PRESSURE, KGOAL_SERVICE } from '../../src/ble/profiles/kgoal';
import { MAGIC_MOTION_PRESSURE, MAGIC_MOTION_SERVICE, MAGIC_MOTION_VIBRATION_SERVICE } from '../../src/ble/profiles/magicMotion';
import { PERIFIT_PRESSURE, PERIFIT_SERVICE } from '../../src/ble/profiles/perifit';
import { referenceProfile } from '../../src/ble/profiles/reference';
import { BATTERY_LEVEL, BATTERY_SERVICE, DEVICE_INFORMATION, ENVIRONMENTAL_SENSING, PRESSURE } from '../../src/ble/standard';
import type { SampleBatch } from '../../src/pipeline/types';
import { FakePeripheral, fakeBluetooth, type FakeCharacteristicSpec } from './ble-fake-gatt';

const ESS = '0000181a-0000-1000-8000-00805f9b34fb';
const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the chooser options', () => {
  const options = requestOptions(PROFILES);

  it('lists every supported device by the services and names the facts give', () => {
    expect(options.filters).toEqual([
      { services: [REFERENCE_SERVICE] },
      { namePrefix: NAME_PREFIX },
      { name: 'Boost' },
      { services: ['8e7c6065-7656-17ad-1b41-b53d1a548e0d'] },
      { services: ['6f468792-f91f-11e3-a847-b2227cce2b54'] },
      { namePrefix: 'Perifit' },
      { services: ['0000aa41-0000-1000-8000-00805f9b34fb'] },
      { services: ['0a09fff0-dcac-7001-ed03-030502030401'] },
      { services: ['0d9e0001-c111-49cd-bba3-85c7471cb6fa'] },
      { services: [ESS] },
    ]);
    expect('acceptAllDevices' in options).toBe(false);
  });

  it('grants every pressure, battery and device-information service once, in canonical form', () => {
    expect(new Set(options.optionalServices)).toEqual(
      new Set([
        REFERENCE_SERVICE,
        KGOAL_SERVICE,
        MAGIC_MOTION_SERVICE,
        MAGIC_MOTION_VIBRATION_SERVICE,
        PERIFIT_SERVICE,
        ELVIE_SERVICE,
        FEMFIT_SERVICE,
        ENVIRONMENTAL_SENSING,
        BATTERY_SERVICE,
        DEVICE_INFORMATION,
      ]),
    );
    expect(options.optionalServices).toHaveLength(10);
    for (const uuid of options.optionalServices) expect(uuid).toMatch(CANONICAL);
    for (const filter of options.filters) for (const uuid of filter.services ?? []) expect(uuid).toMatch(CANONICAL);
  });

  it('passes Chrome’s option checks and finds the reference device, identified as such', async () => {
    const bluetooth = createSimulatedBluetooth({ hasReference: false, sampleAt: (_, out) => void (out.main = 20) });
    const paired = await pairSensor(bluetooth, PROFILES);
    expect(paired.device.name).toBe('PFT-Ref Simulated');
    expect(paired.profile).toBe(referenceProfile);
    paired.server.disconnect();
  });

  it('identifies by the first profile whose service is present; nothing for a stranger', () => {
    expect(identifyProfile(new Set([BATTERY_SERVICE, KGOAL_SERVICE]), PROFILES)?.id).toBe('kgoal');
    expect(identifyProfile(new Set([ESS, PERIFIT_SERVICE]), PROFILES)?.id).toBe('perifit');
    expect(identifyProfile(new Set([BATTERY_SERVICE]), PROFILES)).toBeNull();
  });
});

const battery: FakeCharacteristicSpec = { uuid: BATTERY_LEVEL, read: () => Uint8Array.of(64) };
const text = (s: string) => () => new TextEncoder().encode(s);
const info: FakeCharacteristicSpec[] = [
  { uuid: '00002a29-0000-1000-8000-00805f9b34fb', read: text('Acme') },
  { uuid: '00002a26-0000-1000-8000-00805f9b34fb', read: text('2.1.0') },
];

/** A device of each community profile (and a DIY ESS sensor), with battery and device info. */
const DEVICES: ReadonlyArray<[string, string, string, FakeCharacteristicSpec]> = [
  ['kgoal', 'Boost', KGOAL_SERVICE, { uuid: KGOAL_PRESSURE, notify: true }],
  ['magic-motion', 'Kegel Master', MAGIC_MOTION_SERVICE, { uuid: MAGIC_MOTION_PRESSURE, notify: true }],
  ['perifit', 'Perifit Care', PERIFIT_SERVICE, { uuid: PERIFIT_PRESSURE, notify: true }],
  ['elvie', 'Elvie', ELVIE_SERVICE, { uuid: ELVIE_PRESSURE, read: () => Uint8Array.of(0, 0, 0, 0, 0, 12) }],
  ['ess', 'DIY Perineometer', ESS, { uuid: PRESSURE, read: () => Uint8Array.of(0xb2, 0x48, 0x0f, 0x00) }],
];

describe('after pairing', () => {
  it.each(DEVICES)('%s: identified, opened, battery and device information read, only granted services used', async (id, name, service, pressure) => {
    const device = new FakePeripheral(name, { [service]: [pressure], [BATTERY_SERVICE]: [battery], [DEVICE_INFORMATION]: info });
    const paired = await pairSensor(fakeBluetooth(device), PROFILES);
    expect(paired.profile.id).toBe(id);
    const link = await paired.profile.createDriver({ now: () => 0 }).open(device, paired.server);
    expect(await link.readBattery()).toBe(64);
    expect(await link.readInfo()).toEqual({ manufacturer: 'Acme', firmware: '2.1.0' });
    for (const uuid of device.requestedServices) expect(requestOptions(PROFILES).optionalServices).toContain(uuid);
  });

  it('an environmental sensor without a pressure characteristic is not taken for a perineometer', async () => {
    const thermometer = new FakePeripheral('Weather', { [ESS]: [{ uuid: '00002a6e-0000-1000-8000-00805f9b34fb', read: () => Uint8Array.of(0, 8) }] });
    const paired = await pairSensor(fakeBluetooth(thermometer), PROFILES);
    await expect(paired.profile.createDriver({ now: () => 0 }).open(thermometer, paired.server)).rejects.toMatchObject({
      name: 'UnsupportedDeviceError',
    });
  });

  it('a device with none of the services is refused and left disconnected', async () => {
    const stranger = new FakePeripheral('Heart strap', { [BATTERY_SERVICE]: [battery] });
    await expect(pairSensor(fakeBluetooth(stranger), PROFILES)).rejects.toMatchObject({ name: 'UnsupportedDeviceError' });
    expect(stranger.gatt?.connected).toBe(false);
  });
});

describe('what each profile streams', () => {
  const clock = { now: () => 1234 };
  const fromHex = (hex: string) => Uint8Array.from(hex.split(' '), (b) => parseInt(b, 16));

  async function firstBatch(device: FakePeripheral, send: () => void) {
    const paired = await pairSensor(fakeBluetooth(device), PROFILES);
    const link = await paired.profile.createDriver(clock).open(device, paired.server);
    const batches: SampleBatch[] = [];
    link.samples$.subscribe((b) => batches.push(b));
    send();
    return { profile: paired.profile, batch: batches[0] };
  }

  it('kGoal: the raw reading (bytes 5–6), in counts, stamped with its arrival time', async () => {
    const boost = new FakePeripheral('Boost', { [KGOAL_SERVICE]: [{ uuid: KGOAL_PRESSURE, notify: true }] });
    const { profile, batch } = await firstBatch(boost, () => boost.notify(KGOAL_PRESSURE, fromHex('00 01 04 00 00 05 d3')));
    expect(profile).toMatchObject({ unit: 'counts', communityDocumented: true });
    expect(Array.from(batch.p)).toEqual([1491]);
    expect(Array.from(batch.t)).toEqual([1234]);
    expect(batch.ref).toBeNull();
  });

  it('Perifit: both sensing points, base as the main channel and tip as the reference', async () => {
    const perifit = new FakePeripheral('Perifit Care', { [PERIFIT_SERVICE]: [{ uuid: PERIFIT_PRESSURE, notify: true }] });
    const { batch } = await firstBatch(perifit, () => perifit.notify(PERIFIT_PRESSURE, fromHex('13 78 02 10')));
    expect(Array.from(batch.p)).toEqual([4984]);
    expect(Array.from(batch.ref ?? [])).toEqual([528]);
  });

  it('Magic Motion: the big-endian value, in counts', async () => {
    const mm = new FakePeripheral('Kegel Master', { [MAGIC_MOTION_SERVICE]: [{ uuid: MAGIC_MOTION_PRESSURE, notify: true }] });
    const { batch } = await firstBatch(mm, () => mm.notify(MAGIC_MOTION_PRESSURE, fromHex('01 2c')));
    expect(Array.from(batch.p)).toEqual([300]);
  });

  it('an Environmental Sensing sensor that offers notify is subscribed, not polled, in cmH2O', async () => {
    let reads = 0;
    const ess = new FakePeripheral('DIY', {
      [ESS]: [{ uuid: PRESSURE, notify: true, read: () => (reads++, Uint8Array.of(0xb2, 0x48, 0x0f, 0x00)) }],
    });
    const { profile, batch } = await firstBatch(ess, () => ess.notify(PRESSURE, fromHex('b2 48 0f 00')));
    expect(profile.unit).toBe('cmH2O');
    expect(batch.p[0]).toBeCloseTo(1021.4, 1);
    expect(reads).toBe(0);
  });
});
