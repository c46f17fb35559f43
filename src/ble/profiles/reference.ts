import { Subject, filter, map, share, type Observable } from 'rxjs';
import {
  CONTROL_POINT,
  PRESSURE_MEASUREMENT,
  REFERENCE_SERVICE,
  decodePressurePacket,
  encodeControl,
  type PressurePacket,
} from '../../../firmware-sim/protocol';
import type { SampleBatch } from '../../pipeline/types';
import type { GattDevice, GattServer } from '../gatt';
import { notifications } from '../observe';
import type { DeviceProfile, LinkFault, SensorLink } from '../profile';
import { BATTERY_SERVICE, DEVICE_INFORMATION, hasService, readBattery, readDeviceInfo } from '../standard';

/**
 * Turns device packets into stream time: device timestamps are unwrapped (uint32 ms) and made
 * relative to the first packet; sequence gaps become `lostBefore`. State survives a reconnect,
 * because the device clock keeps running while the link is down.
 */
export interface ReferenceClock {
  originMs: number | null;
  lastRawMs: number;
  wraps: number;
  nextSequence: number | null;
}

export function createReferenceClock(): ReferenceClock {
  return { originMs: null, lastRawMs: 0, wraps: 0, nextSequence: null };
}

export function packetToBatch(packet: PressurePacket, clock: ReferenceClock): SampleBatch {
  if (clock.originMs !== null && packet.timestampMs < clock.lastRawMs - 0x80000000) clock.wraps++;
  clock.lastRawMs = packet.timestampMs;
  const deviceMs = packet.timestampMs + clock.wraps * 0x100000000;
  clock.originMs ??= deviceMs;
  const origin = clock.originMs;
  const n = packet.main.length;
  const lostPackets = clock.nextSequence === null ? 0 : (packet.sequence - clock.nextSequence + 0x10000) % 0x10000;
  clock.nextSequence = (packet.sequence + 1) % 0x10000;
  const t = new Float64Array(n);
  const period = 1000 / packet.rateHz;
  for (let i = 0; i < n; i++) t[i] = deviceMs - origin + i * period;
  return { t, p: packet.main, ref: packet.ref, lostBefore: lostPackets * n };
}

export const referenceProfile: DeviceProfile = {
  id: 'reference',
  displayName: 'PFT reference perineometer',
  communityDocumented: false,
  filters: [{ services: [REFERENCE_SERVICE] }],
  optionalServices: [REFERENCE_SERVICE, BATTERY_SERVICE, DEVICE_INFORMATION],
  matches: (server) => hasService(server, REFERENCE_SERVICE),
  async open(device: GattDevice, server: GattServer): Promise<SensorLink> {
    const service = await server.getPrimaryService(REFERENCE_SERVICE);
    const measurement = await service.getCharacteristic(PRESSURE_MEASUREMENT);
    const control = await service.getCharacteristic(CONTROL_POINT);
    const clock = createReferenceClock();
    const faults = new Subject<LinkFault>();
    const samples$: Observable<SampleBatch> = notifications(measurement, device).pipe(
      map((view) => {
        try {
          return packetToBatch(decodePressurePacket(view), clock);
        } catch (error) {
          faults.next({ kind: 'malformed', detail: error instanceof Error ? error.message : String(error) });
          return null;
        }
      }),
      filter((batch): batch is SampleBatch => batch !== null),
      share(),
    );
    return {
      profileId: 'reference',
      samples$,
      faults$: faults.asObservable(),
      readBattery: () => readBattery(server),
      readInfo: () => readDeviceInfo(server),
      tare: () => control.writeValueWithResponse(Uint8Array.from(encodeControl({ op: 'tare' }))),
    };
  },
};
