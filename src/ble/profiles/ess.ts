import { decodeEssPressure } from '../decoders/ess';
import { notifications, polledValues } from '../observe';
import { UnsupportedDeviceError } from '../errors';
import type { DeviceProfile } from '../profile';
import { arrivalLink } from '../sampleLink';
import { ENVIRONMENTAL_SENSING, PRESSURE, STANDARD_SERVICES } from '../standard';

/**
 * A standard Environmental Sensing pressure sensor, e.g. a do-it-yourself perineometer (a
 * microcontroller with a barometric sensor in an air-filled probe). Absolute pressure in cmH2O;
 * notifications where the characteristic offers them, otherwise polled at 20 Hz.
 */
export const essProfile: DeviceProfile = {
  id: 'ess',
  displayName: 'Standard pressure sensor (Environmental Sensing)',
  communityDocumented: false,
  unit: 'cmH2O',
  filters: [{ services: [ENVIRONMENTAL_SENSING] }],
  optionalServices: [ENVIRONMENTAL_SENSING, ...STANDARD_SERVICES],
  service: ENVIRONMENTAL_SENSING,
  createDriver(clock) {
    return {
      async open(device, server) {
        const service = await server.getPrimaryService(ENVIRONMENTAL_SENSING);
        // An environmental sensor without the pressure characteristic (a thermometer) is not ours.
        const pressure = await service.getCharacteristic(PRESSURE).catch((error: unknown) => {
          throw error instanceof Error && error.name === 'NotFoundError' ? new UnsupportedDeviceError(device.name) : error;
        });
        const values$ = pressure.properties.notify ? await notifications(pressure, device) : await polledValues(pressure, device);
        return arrivalLink('ess', server, values$, (view) => ({ main: decodeEssPressure(view), ref: null }), clock);
      },
    };
  },
};
