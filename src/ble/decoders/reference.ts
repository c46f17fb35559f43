import type { PressurePacket } from '../../../protocol/reference';
import type { SampleBatch } from '../../pipeline/types';

/**
 * Turns reference-device packets into stream time. Device timestamps (uint32 ms) are unwrapped
 * and made relative to the first packet of the session; sequence gaps become `lostBefore`. One
 * clock lives for the whole session, across reconnects, because the device clock keeps running
 * while the link is down: the first packet after a reconnect lands at the real elapsed time.
 */
export interface ReferenceClock {
  originMs: number | null;
  lastRawMs: number;
  wraps: number;
  nextSequence: number | null;
  /** Unwrapped device time and stream time of the newest sample, and when it arrived. */
  lastDeviceMs: number;
  lastStreamMs: number;
  lastArrivalMs: number;
}

export function createReferenceClock(): ReferenceClock {
  return { originMs: null, lastRawMs: 0, wraps: 0, nextSequence: null, lastDeviceMs: 0, lastStreamMs: 0, lastArrivalMs: 0 };
}

const WRAP = 0x100000000;

/**
 * `arrivalMs` (session time the packet arrived) is used only when the device clock went
 * backwards, i.e. the device restarted while disconnected: stream time then continues from the
 * last sample plus the time that really passed, and the sequence counter starts afresh.
 */
export function packetToBatch(packet: PressurePacket, clock: ReferenceClock, arrivalMs: number): SampleBatch {
  const n = packet.main.length;
  const period = 1000 / packet.rateHz;
  let lost = 0;
  if (clock.originMs === null) {
    clock.originMs = packet.timestampMs;
  } else {
    if (packet.timestampMs < clock.lastRawMs - WRAP / 2) clock.wraps++;
    const unwrapped = packet.timestampMs + clock.wraps * WRAP;
    if (unwrapped < clock.lastDeviceMs) {
      clock.wraps = 0;
      clock.originMs = packet.timestampMs - (clock.lastStreamMs + Math.max(period, arrivalMs - clock.lastArrivalMs));
      clock.nextSequence = null;
    }
    const lostPackets = clock.nextSequence === null ? 0 : (packet.sequence - clock.nextSequence + 0x10000) % 0x10000;
    // The timestamps tell how many samples the lost packets carried (they may have been shorter).
    if (lostPackets > 0) lost = Math.max(lostPackets, Math.round((unwrapped - clock.lastDeviceMs) / period) - 1);
  }
  clock.lastRawMs = packet.timestampMs;
  const deviceMs = packet.timestampMs + clock.wraps * WRAP;
  clock.nextSequence = (packet.sequence + 1) % 0x10000;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = deviceMs - clock.originMs + i * period;
  clock.lastDeviceMs = deviceMs + (n - 1) * period;
  clock.lastStreamMs = t[n - 1];
  clock.lastArrivalMs = arrivalMs;
  return { t, p: packet.main, ref: packet.ref, lostBefore: lost };
}
