import { decodeElvie } from '../decoders/elvie';
import { polledValues } from '../observe';
import type { DeviceProfile } from '../profile';
import { arrivalLink } from '../sampleLink';
import { STANDARD_SERVICES } from '../standard';

export const ELVIE_SERVICE = '0a09fff0-dcac-7001-ed03-030502030401';
export const ELVIE_PRESSURE = '0a09fff1-dcac-7001-ed03-030502030401';

/** Elvie Trainer: read-only, so polled at 20 Hz; byte 5 is the pressure. */
export const elvieProfile: DeviceProfile = {
  id: 'elvie',
  displayName: 'Elvie Trainer',
  communityDocumented: true,
  unit: 'counts',
  note: 'device.note.elvie',
  filters: [{ services: [ELVIE_SERVICE] }],
  optionalServices: [ELVIE_SERVICE, ...STANDARD_SERVICES],
  service: ELVIE_SERVICE,
  createDriver(clock) {
    return {
      async open(device, server) {
        const service = await server.getPrimaryService(ELVIE_SERVICE);
        const values$ = await polledValues(await service.getCharacteristic(ELVIE_PRESSURE), device);
        return arrivalLink('elvie', server, values$, (view) => ({ main: decodeElvie(view), ref: null }), clock);
      },
    };
  },
};
