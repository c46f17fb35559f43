import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulatedBluetooth, type SimulatedBluetooth } from '../../firmware-sim/bluetooth';
import { ManualClock } from '../../firmware-sim/clock';
import type { SampleSource } from '../../firmware-sim/packet-stream';
import { remoteBluetooth, serveBluetooth } from '../../firmware-sim/remote';
import { REFERENCE_SERVICE, PRESSURE_MEASUREMENT } from '../../protocol/reference';
import { TrainingSession } from '../../src/session/trainingSession';

/** A probe at rest around 30 cmH2O with a slow wave: every sample is predictable. */
const wave = (t: number): number => 30 + 10 * Math.sin((2 * Math.PI * t) / 4000);
const source: SampleSource = { hasReference: false, sampleAt: (t, out) => void (out.main = wave(t)) };

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** The simulated sensor served on one end of a channel, as in its worker; the page's proxy on the other. */
function across() {
  const clock = new ManualClock();
  const sim: SimulatedBluetooth = createSimulatedBluetooth(source, { clock });
  const cues: unknown[] = [];
  const channel = new MessageChannel();
  channels.push(channel);
  serveBluetooth(channel.port2, sim, (cue) => cues.push(cue));
  const remote = remoteBluetooth(channel.port1);
  return { clock, sim, cues, remote };
}

describe('the simulated sensor across a message port (its worker)', () => {
  it('streams to a training session exactly what it streams in the same thread', async () => {
    const { clock, remote } = across();
    const session = new TrainingSession({ bluetooth: remote.bluetooth, simulated: true, mvc: null, clock: () => clock.now() });
    await session.open();
    expect(session.link$.value.status).toBe('connected');
    await vi.waitFor(() => expect(session.link$.value).toMatchObject({ battery: 87, info: { manufacturer: 'PFT open reference design' } }));
    clock.advance(2000);
    // 2 s at 50 Hz in packets of 5: 100 samples, each the probe's reading at its device time.
    await vi.waitFor(() => expect(session.recorder.data().t.length).toBe(100));
    const { t, p } = session.recorder.data();
    t.forEach((tMs, i) => expect(p[i]).toBeCloseTo(wave(tMs), 1));
    session.close();
  });

  it('gives the same errors, by name and message, as the device itself', async () => {
    const { sim, remote } = across();
    await expect(remote.bluetooth.requestDevice({ filters: [{}] })).rejects.toThrow(TypeError);
    sim.chooser = 'cancel';
    const cancelled = await remote.bluetooth.requestDevice({ filters: [{ services: [REFERENCE_SERVICE] }] }).catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(DOMException);
    expect(cancelled).toMatchObject({ name: 'NotFoundError', message: 'User cancelled the requestDevice() chooser.' });
  });

  it('passes the cues to the virtual user and the link drop to the page', async () => {
    const { sim, cues, remote } = across();
    const device = await remote.bluetooth.requestDevice({ filters: [{ services: [REFERENCE_SERVICE] }] });
    const server = await device.gatt!.connect();
    expect(server.connected).toBe(true);
    // The same object each time: listeners added once stay on it.
    const service = await server.getPrimaryService(REFERENCE_SERVICE);
    expect(await service.getCharacteristic(PRESSURE_MEASUREMENT)).toBe(await service.getCharacteristic(PRESSURE_MEASUREMENT));
    remote.follow({ kind: 'start', tMs: 0, leadInMs: 3000 });
    await vi.waitFor(() => expect(cues).toEqual([{ kind: 'start', tMs: 0, leadInMs: 3000 }]));
    const dropped = new Promise((resolve) => device.addEventListener('gattserverdisconnected', resolve));
    sim.device.simulateDisconnect();
    await dropped;
    expect(server.connected).toBe(false);
  });
});
