import { uuid16 } from '../../../protocol/reference';
import { decodePerifit } from '../decoders/perifit';
import { notifications } from '../observe';
import type { DeviceProfile } from '../profile';
import { arrivalLink } from '../sampleLink';
import { STANDARD_SERVICES } from '../standard';

export const PERIFIT_SERVICE = uuid16(0xaa41);
export const PERIFIT_PRESSURE = uuid16(0xaa41);

/**
 * Perifit: two sensing points along the probe. Which one follows a correct squeeze is unknown
 * until the user calibrates, so both are streamed: base as the main channel, tip as the
 * reference channel (the default the app tells the user about).
 */
export const perifitProfile: DeviceProfile = {
  id: 'perifit',
  displayName: 'Perifit',
  communityDocumented: true,
  unit: 'counts',
  note: 'device.note.perifit',
  filters: [{ namePrefix: 'Perifit' }, { services: [PERIFIT_SERVICE] }],
  optionalServices: [PERIFIT_SERVICE, ...STANDARD_SERVICES],
  service: PERIFIT_SERVICE,
  createDriver(clock) {
    return {
      async open(device, server) {
        const service = await server.getPrimaryService(PERIFIT_SERVICE);
        const values$ = await notifications(await service.getCharacteristic(PERIFIT_PRESSURE), device);
        const decode = (view: DataView) => {
          const { base, tip } = decodePerifit(view);
          return { main: base, ref: tip };
        };
        return arrivalLink('perifit', server, values$, decode, clock);
      },
    };
  },
};
