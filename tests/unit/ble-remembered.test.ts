/**
 * The sensor is remembered: after a reload the app reconnects to it without the chooser, where
 * the browser still allows it (getDevices()); otherwise it says to choose it again. "Forget this
 * sensor" revokes the permission. Fake Bluetooth, fake timers, a fake localStorage per "visit".
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KGOAL_PRESSURE, KGOAL_SERVICE } from '../../src/ble/profiles/kgoal';
import { connectionStore } from '../../src/store/connectionStore';
import { loadRememberedProbe } from '../../src/store/probeMemory';
import { createTrainingActions } from '../../src/store/trainingActions';
import { FakePeripheral, rememberingBluetooth } from './ble-fake-gatt';

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

function fakeStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });
  vi.stubGlobal('localStorage', fakeStorage());
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function boost() {
  const device = new FakePeripheral('Boost', { [KGOAL_SERVICE]: [{ uuid: KGOAL_PRESSURE, notify: true }] });
  const timer = setInterval(() => device.gatt.connected && device.notify(KGOAL_PRESSURE, Uint8Array.of(0, 1, 4, 0, 0, 5, 0xd3)), 50);
  return { device, dispose: () => clearInterval(timer) };
}

/** One visit of the page: the app's actions, as main.tsx creates them. */
const visit = (bluetooth: ReturnType<typeof rememberingBluetooth>) => createTrainingActions({ bluetooth, journal: null, cueOutputs: null, search: '' });

/** A first visit that pairs through the chooser, then a "reload" (the page and its link go). */
async function pairedThenReloaded() {
  const { device, dispose } = boost();
  const bluetooth = rememberingBluetooth(device);
  const first = visit(bluetooth);
  first.connectSensor();
  await advance(500);
  expect(connectionStore.getState()).toMatchObject({ status: 'connected', deviceName: 'Boost' });
  expect(bluetooth.choosers).toBe(1);
  expect(loadRememberedProbe()).toEqual({ id: device.id, name: 'Boost' });
  device.drop(); // the page unloads: its link goes with it
  first.disconnect();
  return { device, bluetooth, dispose };
}

describe('a remembered sensor', () => {
  it('after a reload, reconnects without the chooser and streams', async () => {
    const { device, bluetooth, dispose } = await pairedThenReloaded();
    const connectsBefore = device.connectCalls;
    const second = visit(bluetooth);
    second.reconnectRemembered();
    await advance(500);
    expect(connectionStore.getState()).toMatchObject({ status: 'connected', deviceName: 'Boost', error: null });
    expect(bluetooth.choosers).toBe(1);
    expect(device.connectCalls).toBe(connectsBefore + 1);
    expect(device.watchCalls).toBe(0);
    expect(connectionStore.getState().sampleRateHz).not.toBeNull();
    second.disconnect();
    dispose();
  });

  it('out of range at first: connects once the browser has seen it advertise', async () => {
    const { device, bluetooth, dispose } = await pairedThenReloaded();
    device.connectMode = 'fail';
    device.connectModeAfterAdvertising = 'ok';
    const second = visit(bluetooth);
    second.reconnectRemembered();
    await advance(1000);
    expect(device.watchCalls).toBe(1);
    expect(connectionStore.getState()).toMatchObject({ status: 'connected', error: null });
    expect(bluetooth.choosers).toBe(1);
    second.disconnect();
    dispose();
  });

  it('switched off: after the wait, a plain message says to choose it again; the chooser never opened by itself', async () => {
    const { device, bluetooth, dispose } = await pairedThenReloaded();
    device.connectMode = 'fail';
    device.advertising = false;
    const second = visit(bluetooth);
    second.reconnectRemembered();
    await advance(11_000);
    expect(connectionStore.getState()).toMatchObject({ status: 'failed', error: { key: 'error.rememberedUnavailable' } });
    expect(bluetooth.choosers).toBe(1);
    // The fallback: Connect sensor opens the chooser.
    device.connectMode = 'ok';
    second.connectSensor();
    await advance(500);
    expect(connectionStore.getState().status).toBe('connected');
    expect(bluetooth.choosers).toBe(2);
    second.disconnect();
    dispose();
  });

  it('no longer allowed by the browser: the same message, nothing connected', async () => {
    const { device, bluetooth, dispose } = await pairedThenReloaded();
    bluetooth.allowed.clear();
    const connects = device.connectCalls;
    const second = visit(bluetooth);
    second.reconnectRemembered();
    await advance(500);
    expect(connectionStore.getState()).toMatchObject({ status: 'failed', error: { key: 'error.rememberedUnavailable' } });
    expect(device.connectCalls).toBe(connects);
    dispose();
  });

  it('"Forget this sensor": disconnects, revokes the permission, and the next visit does not reconnect', async () => {
    const { device, bluetooth, dispose } = await pairedThenReloaded();
    const second = visit(bluetooth);
    second.reconnectRemembered();
    await advance(500);
    expect(connectionStore.getState().status).toBe('connected');
    second.forgetSensor();
    await advance(500);
    expect(device.forgotten).toBe(true);
    expect(device.gatt.connected).toBe(false);
    expect(loadRememberedProbe()).toBeNull();
    expect(connectionStore.getState().status).toBe('idle');
    const connects = device.connectCalls;
    visit(bluetooth).reconnectRemembered();
    await advance(500);
    expect(device.connectCalls).toBe(connects);
    expect(connectionStore.getState().status).toBe('idle');
    dispose();
  });
});
