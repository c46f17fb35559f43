import { expect, essPressure, expectReadout, test } from './helpers/bluetoothEmulation';
import { openDeviceDetails } from './helpers/training';

const ESS = '0000181a-0000-1000-8000-00805f9b34fb';
const PRESSURE = '00002a6d-0000-1000-8000-00805f9b34fb';
const REST = 100_165.0 / 98.0665;

test('the link drops while streaming: the app shows Reconnecting…, reconnects by itself, and the stream resumes', async ({ page, bluetooth }) => {
  let served = REST;
  const diy = await bluetooth.addPeripheral({
    address: '09:09:09:09:09:11',
    name: 'DIY Perineometer',
    advertised: [ESS],
    services: [{ uuid: ESS, characteristics: [{ uuid: PRESSURE, properties: { read: true }, read: () => essPressure(served) }] }],
  });
  await page.goto('/');
  bluetooth.choose(diy);
  await page.getByRole('button', { name: 'Connect sensor' }).click();
  await expect(page.getByText('Connected to DIY Perineometer')).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => diy.count('read', PRESSURE), { timeout: 5000 }).toBeGreaterThan(20);
  expect(diy.connections()).toBe(1);

  await diy.disconnect();
  await expect(page.getByText('Reconnecting…')).toBeVisible();
  // The app calls gatt.connect() again by itself (no chooser), after its first backoff wait.
  await expect.poll(() => diy.connections(), { timeout: 5000 }).toBeGreaterThan(1);

  // The device is back in range: Chromium dropped its GATT table with the link, so rebuild it.
  // The app's next attempt finds the sensor and resumes polling.
  await diy.install();
  served = REST + 25;
  await expect(page.getByText('Connected to DIY Perineometer')).toBeVisible({ timeout: 10_000 });
  await expectReadout(page, served, REST);
  await openDeviceDetails(page);
  await expect(page.getByText('Connection dropped 1× (the gaps are marked in the recording)')).toBeVisible();
});

test('GATT errors from the real stack become plain messages', async ({ page, bluetooth }) => {
  const refusesReads = await bluetooth.addPeripheral({
    address: '09:09:09:09:09:12',
    name: 'DIY Perineometer',
    advertised: [ESS],
    // ATT error 0x02: Read Not Permitted.
    services: [{ uuid: ESS, characteristics: [{ uuid: PRESSURE, properties: { read: true }, readError: () => 0x02 }] }],
  });
  const outOfReach = await bluetooth.addPeripheral({
    address: '09:09:09:09:09:13',
    name: 'DIY Perineometer 2',
    advertised: [ESS],
    services: [{ uuid: ESS, characteristics: [{ uuid: PRESSURE, properties: { read: true }, read: () => essPressure(REST) }] }],
  });
  // HCI 0x3E: the connection failed to be established.
  outOfReach.connectionCode = 0x3e;
  await page.goto('/');

  bluetooth.choose(refusesReads);
  await page.getByRole('button', { name: 'Connect sensor' }).click();
  await expect(page.getByRole('alert')).toHaveText('The sensor refused a request the app needs. It may be a different model or need a firmware update.');
  await expect(page.getByText('Connection failed')).toBeVisible();

  bluetooth.choose(outOfReach);
  await page.getByRole('button', { name: 'Connect sensor' }).click();
  await expect(page.getByRole('alert')).toHaveText('The sensor did not answer. Move closer, check its battery, and try again.');
  expect(outOfReach.connections()).toBe(1);
});

test('a sensor that stops answering is given up on after the read timeout and reconnected', async ({ page, bluetooth }) => {
  const diy = await bluetooth.addPeripheral({
    address: '09:09:09:09:09:14',
    name: 'DIY Perineometer',
    advertised: [ESS],
    services: [{ uuid: ESS, characteristics: [{ uuid: PRESSURE, properties: { read: true }, read: () => essPressure(REST) }] }],
  });
  await page.goto('/');
  bluetooth.choose(diy);
  await page.getByRole('button', { name: 'Connect sensor' }).click();
  await expect(page.getByText('Connected to DIY Perineometer')).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => diy.count('read', PRESSURE)).toBeGreaterThan(10);

  // The stack stops answering (Web Bluetooth spec issue #367): no error, no disconnect event.
  const answered = diy.count('read', PRESSURE);
  diy.holdReads();
  // Three 1 s read timeouts in a row, at most, before the app treats the link as dead: no more
  // than three reads went unanswered by the time it shows it reconnects. (Counted before each
  // look at the page, every 50 ms: well inside its first 500 ms backoff, after which it reads again.)
  let unanswered = Number.NaN;
  await expect
    .poll(
      async () => {
        const reads = diy.count('read', PRESSURE) - answered;
        if (!(await page.getByText('Reconnecting…').isVisible())) return false;
        unanswered = reads;
        return true;
      },
      { timeout: 15_000, intervals: [50] },
    )
    .toBe(true);
  expect(unanswered).toBeGreaterThanOrEqual(1);
  expect(unanswered).toBeLessThanOrEqual(3);
  diy.releaseReads();
  // It drops the dead link itself and connects again, without a new chooser. (Chromium keeps
  // the emulated device connected at system level when the page disconnects, so this connect
  // reaches no 'connection' request here; the link coming back is what shows it.)
  await expect(page.getByText('Connected to DIY Perineometer')).toBeVisible({ timeout: 10_000 });
  const reads = diy.count('read', PRESSURE);
  await expect.poll(() => diy.count('read', PRESSURE)).toBeGreaterThan(reads + 10);
});
