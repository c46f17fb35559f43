import { expect, test, type EmulatedPeripheral } from './helpers/bluetoothEmulation';
import type { Page } from '@playwright/test';
import { openDeviceDetails } from './helpers/training';
import { expectNoAxeViolations } from './helpers/axe';

// UUIDs as shared/reference/devices.md gives them.
const FEMFIT = '0d9e0001-c111-49cd-bba3-85c7471cb6fa';
const FEMFIT_PAIRS = ['0d9e0002', '0d9e0003', '0d9e0004', '0d9e0005'].map((head) => `${head}-c111-49cd-bba3-85c7471cb6fa`);
const MAGIC_MOTION = '6f468792-f91f-11e3-a847-b2227cce2b54';
const MAGIC_MOTION_PRESSURE = '6f468bfc-f91f-11e3-a847-b2227cce2b54';
const VIBRATION_SERVICE = '78667579-7b48-43db-b8c5-7928a6b0a335';
const VIBRATION = '78667579-a914-49a4-8333-aa3c0cd8fedc';

async function connect(page: Page, device: EmulatedPeripheral): Promise<void> {
  await page.getByRole('button', { name: 'Connect sensor' }).click();
  await expect(page.getByText(`Connected to ${device.spec.name}`)).toBeVisible({ timeout: 10_000 });
}

test('a femfit pairs through the chooser and all four of its sensor characteristics are subscribed', async ({ page, bluetooth }) => {
  const femfit = await bluetooth.addPeripheral({
    address: '09:09:09:09:09:11',
    name: 'femfit',
    advertised: [FEMFIT],
    services: [{ uuid: FEMFIT, characteristics: FEMFIT_PAIRS.map((uuid) => ({ uuid, properties: { notify: true } })) }],
  });
  await page.goto('/');
  bluetooth.choose(femfit);
  await connect(page, femfit);
  for (const uuid of FEMFIT_PAIRS) expect(femfit.count('subscribe-to-notifications', uuid)).toBe(1);
  await openDeviceDetails(page);
  await expect(page.getByText('femfit · Readings in cmH2O')).toBeVisible();
  await expect(page.getByText(/Eight pressure points/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Zero at rest' })).toBeVisible();
});

test('a Magic Motion trainer pairs, and Test vibration sends the vibration command, then the stop', async ({ page, bluetooth }) => {
  // Pairing, two writes and two accessibility scans: slow on a loaded machine.
  test.setTimeout(120_000);
  const trainer = await bluetooth.addPeripheral({
    address: '09:09:09:09:09:12',
    name: 'Kegel Master',
    advertised: [MAGIC_MOTION],
    services: [
      { uuid: MAGIC_MOTION, characteristics: [{ uuid: MAGIC_MOTION_PRESSURE, properties: { notify: true } }] },
      { uuid: VIBRATION_SERVICE, characteristics: [{ uuid: VIBRATION, properties: { write: true } }] },
    ],
  });
  await page.goto('/');
  bluetooth.choose(trainer);
  await connect(page, trainer);
  expect(trainer.count('subscribe-to-notifications', MAGIC_MOTION_PRESSURE)).toBe(1);
  // Opening the link stops the motor, in case a cue was cut off last time.
  const writes = () => trainer.operations.filter((op) => op.type === 'write' && op.uuid === VIBRATION).map((op) => op.data);
  await expect.poll(writes).toEqual([[0x04, 0x08, 0x00, 0x64, 0x00]]);

  await openDeviceDetails(page);
  await page.getByRole('button', { name: 'Test vibration' }).click();
  await expect.poll(writes).toEqual([
    [0x04, 0x08, 0x00, 0x64, 0x00],
    [0x04, 0x08, 0x32, 0x64, 0x00],
    [0x04, 0x08, 0x00, 0x64, 0x00],
  ]);
  const [on, stop] = trainer.operations.filter((op) => op.type === 'write').slice(1);
  expect(stop.atMs - on.atMs).toBeGreaterThanOrEqual(400);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The cue switch sits beside it, off until chosen.
  const toggle = page.getByRole('checkbox', { name: /Vibrate at each cue/ });
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await expect(toggle).toBeChecked();

  // The details on a phone, light and dark: no accessibility violations.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoAxeViolations(page, `device details (${colorScheme})`, '.device-details');
  }
});
