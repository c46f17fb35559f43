import { chromium } from '@playwright/test';
const [url, out, waitMs, action] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--enable-features=WebBluetooth'] });
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
page.on('console', m => { if (m.type() === 'error') console.log('console:', m.text()); });
page.on('pageerror', e => console.log('pageerror:', e.message));
await page.goto(url);
if (action === 'program') {
  const ack = page.getByRole('button', { name: /understand|OK|Got it/i });
  if (await ack.count()) await ack.first().click();
  await page.getByRole('button', { name: 'Use simulated sensor' }).click();
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Start' }).click();
}
await page.waitForTimeout(Number(waitMs));
await page.screenshot({ path: out, fullPage: true });
await browser.close();
