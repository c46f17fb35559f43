import { decodeKGoal } from '../decoders/kgoal';
import { notifications } from '../observe';
import type { DeviceProfile } from '../profile';
import { arrivalLink } from '../sampleLink';
import { STANDARD_SERVICES } from '../standard';

export const KGOAL_SERVICE = '8e7c6065-7656-17ad-1b41-b53d1a548e0d';
export const KGOAL_PRESSURE = '10c2be2d-d2d5-b7a8-5f42-e2468c9ebbf5';

/**
 * kGoal Boost and the older kGoal (same service). We stream the raw reading (bytes 5–6): the
 * device's normalized value sits at 0 until the raw value passes its own calibration point, and
 * the device button resets that point, which would hide the resting level from the pipeline.
 */
export const kGoalProfile: DeviceProfile = {
  id: 'kgoal',
  displayName: 'kGoal Boost',
  communityDocumented: true,
  unit: 'counts',
  filters: [{ name: 'Boost' }, { services: [KGOAL_SERVICE] }],
  optionalServices: [KGOAL_SERVICE, ...STANDARD_SERVICES],
  service: KGOAL_SERVICE,
  createDriver(clock) {
    return {
      async open(device, server) {
        const service = await server.getPrimaryService(KGOAL_SERVICE);
        const values$ = await notifications(await service.getCharacteristic(KGOAL_PRESSURE), device);
        return arrivalLink('kgoal', server, values$, (view) => ({ main: decodeKGoal(view).raw, ref: null }), clock);
      },
    };
  },
};
