import { decodeMagicMotion } from '../decoders/magicMotion';
import { notifications } from '../observe';
import type { DeviceProfile } from '../profile';
import { arrivalLink } from '../sampleLink';
import { STANDARD_SERVICES } from '../standard';

export const MAGIC_MOTION_SERVICE = '6f468792-f91f-11e3-a847-b2227cce2b54';
export const MAGIC_MOTION_PRESSURE = '6f468bfc-f91f-11e3-a847-b2227cce2b54';

/** Magic Motion Kegel Master / Kegel Coach: notified big-endian uint16 counts. */
export const magicMotionProfile: DeviceProfile = {
  id: 'magic-motion',
  displayName: 'Magic Motion Kegel Master',
  communityDocumented: true,
  unit: 'counts',
  filters: [{ services: [MAGIC_MOTION_SERVICE] }],
  optionalServices: [MAGIC_MOTION_SERVICE, ...STANDARD_SERVICES],
  service: MAGIC_MOTION_SERVICE,
  createDriver(clock) {
    return {
      async open(device, server) {
        const service = await server.getPrimaryService(MAGIC_MOTION_SERVICE);
        const values$ = await notifications(await service.getCharacteristic(MAGIC_MOTION_PRESSURE), device);
        return arrivalLink('magic-motion', server, values$, (view) => ({ main: decodeMagicMotion(view), ref: null }), clock);
      },
    };
  },
};
