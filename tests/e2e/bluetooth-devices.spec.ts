import { expect, essPressure, expectReadout, test, type EmulatedPeripheral } from './helpers/bluetoothEmulation';
import type { Page } from '@playwright/test';
import { openDeviceDetails } from './helpers/training';

// UUIDs as shared/reference/devices.md and firmware-sim/README.md give them.
const ESS = '0000181a-0000-1000-8000-00805f9b34fb';
const PRESSURE = '00002a6d-0000-1000-8000-00805f9b34fb';
const BATTERY = '0000180f-0000-1000-8000-00805f9b34fb';
const BATTERY_LEVEL = '00002a19-0000-1000-8000-00805f9b34fb';
const KGOAL = '8e7c6065-7656-17ad-1b41-b53d1a548e0d';
const KGOAL_PRESSURE = '10c2be2d-d2d5-b7a8-5f42-e2468c9ebbf5';
const KGOAL_MOTOR = '453ad6d2-c7f2-16ae-6948-1859e5f040d0';
const REFERENCE = 'f10e0001-7c3a-4d5e-9a61-2b8c4e6f7a90';
const MEASUREMENT = 'f10e0002-7c3a-4d5e-9a61-2b8c4e6f7a90';
const CONTROL_POINT = 'f10e0003-7c3a-4d5e-9a61-2b8c4e6f7a90';
const CONFIGURATION = 'f10e0004-7c3a-4d5e-9a61-2b8c4e6f7a90';

async function connect(page: Page, device: EmulatedPeripheral): Promise<void> {
  await page.getByRole('button', { name: 'Connect sensor' }).click();
  await expect(page.getByText(`Connected to ${device.spec.name}`)).toBeVisible({ timeout: 10_000 });
}

test('a standard pressure sensor is polled through the real stack and the readout follows its pressure', async ({ page, bluetooth }) => {
  // 1001.65 hPa ambient (devices.md example) = 1021.40 cmH2O absolute.
  const rest = 100_165.0 / 98.0665;
  let served = rest;
  const diy = await bluetooth.addPeripheral({
    address: '09:09:09:09:09:01',
    name: 'DIY Perineometer',
    advertised: [ESS],
    services: [{ uuid: ESS, characteristics: [{ uuid: PRESSURE, properties: { read: true }, read: () => essPressure(served) }] }],
  });
  await page.goto('/');
  bluetooth.choose(diy);
  await connect(page, diy);
  await openDeviceDetails(page);
  await expect(page.getByText('Readings in cmH2O')).toBeVisible();
  await expectReadout(page, rest, rest);

  // A 20 cmH2O squeeze, then a stronger 35.5 cmH2O one: the readout follows each within 0.5.
  served = rest + 20;
  await expectReadout(page, served, rest);
  served = rest + 35.5;
  await expectReadout(page, served, rest);

  // It is polled at ~20 Hz, one read at a time: never faster, and as fast once the emulated
  // stack answers promptly (on a loaded machine its first answers can take 100 ms). The rate is
  // that of the reads the peripheral saw in the last 2 s.
  const readsPerSecond = () => {
    const at = diy.operations.filter((op) => op.type === 'read' && op.uuid === PRESSURE).map((op) => op.atMs);
    const last = at.at(-1) ?? 0;
    return at.length > 0 && last - at[0] >= 2000 ? at.filter((t) => t > last - 2000).length / 2 : 0;
  };
  await expect.poll(readsPerSecond, { timeout: 20_000, intervals: [250] }).toBeGreaterThan(15);
  expect(readsPerSecond()).toBeLessThanOrEqual(21);
  expect(diy.overlappingReads).toBe(0);
  await expect(page.getByText(/\d+ samples per second/)).toBeVisible();
});

test('a kGoal Boost pairs by name, its pressure is subscribed and its battery shown', async ({ page, bluetooth }) => {
  const boost = await bluetooth.addPeripheral({
    address: '09:09:09:09:09:02',
    name: 'Boost',
    advertised: [],
    services: [
      {
        uuid: KGOAL,
        characteristics: [
          { uuid: KGOAL_PRESSURE, properties: { notify: true } },
          { uuid: KGOAL_MOTOR, properties: { write: true } },
        ],
      },
      { uuid: BATTERY, characteristics: [{ uuid: BATTERY_LEVEL, properties: { read: true }, read: () => Uint8Array.of(64) }] },
    ],
  });
  await page.goto('/');
  bluetooth.choose(boost);
  await connect(page, boost);
  // "Connected" comes only after startNotifications() resolved: the CCCD subscribe went through.
  expect(boost.count('subscribe-to-notifications', KGOAL_PRESSURE)).toBe(1);
  await expect(page.getByText('Battery 64 %')).toBeVisible();
  await openDeviceDetails(page);
  await expect(page.getByText('kGoal Boost · Readings in uncalibrated counts')).toBeVisible();
  await expect(page.getByText('Community-documented: readings are uncalibrated counts until you calibrate.')).toBeVisible();
});

test('the reference device is zeroed through its control point', async ({ page, bluetooth }) => {
  const reference = await bluetooth.addPeripheral({
    address: '09:09:09:09:09:03',
    name: 'PFT-Ref 4A2C',
    advertised: [REFERENCE],
    services: [
      {
        uuid: REFERENCE,
        characteristics: [
          { uuid: MEASUREMENT, properties: { notify: true } },
          { uuid: CONTROL_POINT, properties: { write: true } },
          { uuid: CONFIGURATION, properties: { read: true }, read: () => Uint8Array.of(1, 0, 50, 5, 20, 100, 16, 0xb8, 0x0b) },
        ],
      },
    ],
  });
  await page.goto('/');
  bluetooth.choose(reference);
  await connect(page, reference);
  expect(reference.count('subscribe-to-notifications', MEASUREMENT)).toBe(1);
  await openDeviceDetails(page);
  await page.getByRole('button', { name: 'Zero at rest' }).click();
  await expect.poll(() => reference.count('write', CONTROL_POINT)).toBe(1);
  const write = reference.operations.find((op) => op.type === 'write' && op.uuid === CONTROL_POINT);
  // Opcode 0x01 (Tare), written with response.
  expect(write).toMatchObject({ data: [0x01], writeType: 'write-with-response' });
  await expect(page.getByRole('alert')).toHaveCount(0);
});
