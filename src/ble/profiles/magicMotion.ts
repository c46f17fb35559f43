import { decodeMagicMotion, encodeMagicMotionVibration } from '../decoders/magicMotion';
import { characteristicMotor, type ProbeMotor } from '../motor';
import { notifications } from '../observe';
import type { DeviceProfile } from '../profile';
import { arrivalLink } from '../sampleLink';
import { STANDARD_SERVICES } from '../standard';
import type { GattServer } from '../../../protocol/gatt';

export const MAGIC_MOTION_SERVICE = '6f468792-f91f-11e3-a847-b2227cce2b54';
export const MAGIC_MOTION_PRESSURE = '6f468bfc-f91f-11e3-a847-b2227cce2b54';
export const MAGIC_MOTION_VIBRATION_SERVICE = '78667579-7b48-43db-b8c5-7928a6b0a335';
export const MAGIC_MOTION_VIBRATION = '78667579-a914-49a4-8333-aa3c0cd8fedc';

/** The trainer's motor, if it has one; stopped at once, in case a cue was cut off by a link drop. */
async function openMotor(server: GattServer): Promise<ProbeMotor | undefined> {
  let motor: ProbeMotor;
  try {
    const service = await server.getPrimaryService(MAGIC_MOTION_VIBRATION_SERVICE);
    motor = characteristicMotor(await service.getCharacteristic(MAGIC_MOTION_VIBRATION), encodeMagicMotionVibration);
  } catch {
    return undefined;
  }
  await motor.set(0).catch(() => undefined);
  return motor;
}

/** Magic Motion Kegel Master / Kegel Coach: notified big-endian uint16 counts, and a vibration motor. */
export const magicMotionProfile: DeviceProfile = {
  id: 'magic-motion',
  displayName: 'Magic Motion Kegel Master',
  communityDocumented: true,
  unit: 'counts',
  filters: [{ services: [MAGIC_MOTION_SERVICE] }],
  optionalServices: [MAGIC_MOTION_SERVICE, MAGIC_MOTION_VIBRATION_SERVICE, ...STANDARD_SERVICES],
  service: MAGIC_MOTION_SERVICE,
  createDriver(clock) {
    return {
      async open(device, server) {
        const service = await server.getPrimaryService(MAGIC_MOTION_SERVICE);
        const values$ = await notifications(await service.getCharacteristic(MAGIC_MOTION_PRESSURE), device);
        const motor = await openMotor(server);
        return { ...arrivalLink('magic-motion', server, values$, (view) => ({ main: decodeMagicMotion(view), ref: null }), clock), motor };
      },
    };
  },
};
