import { Subject } from 'rxjs';
import { CONTROL_POINT, NAME_PREFIX, PRESSURE_MEASUREMENT, REFERENCE_SERVICE, decodePressurePacket, encodeControl } from '../../../protocol/reference';
import { createReferenceClock, packetToBatch } from '../decoders/reference';
import { notifications } from '../observe';
import type { DeviceProfile, LinkFault } from '../profile';
import { decodeEach } from '../sampleLink';
import { STANDARD_SERVICES, readBattery, readDeviceInfo } from '../standard';

/** Our open reference perineometer (firmware-sim/README.md): timestamped packets in 0.1 cmH2O. */
export const referenceProfile: DeviceProfile = {
  id: 'reference',
  displayName: 'PFT reference perineometer',
  communityDocumented: false,
  unit: 'cmH2O',
  filters: [{ services: [REFERENCE_SERVICE] }, { namePrefix: NAME_PREFIX }],
  optionalServices: [REFERENCE_SERVICE, ...STANDARD_SERVICES],
  service: REFERENCE_SERVICE,
  createDriver(clock) {
    // Lives for the session: the device clock and sequence run on while the link is down.
    const deviceClock = createReferenceClock();
    return {
      async open(device, server) {
        const service = await server.getPrimaryService(REFERENCE_SERVICE);
        const measurement = await service.getCharacteristic(PRESSURE_MEASUREMENT);
        const control = await service.getCharacteristic(CONTROL_POINT);
        const faults = new Subject<LinkFault>();
        const samples$ = (await notifications(measurement, device)).pipe(
          decodeEach((view) => packetToBatch(decodePressurePacket(view), deviceClock, clock.now()), faults),
        );
        return {
          profileId: 'reference',
          samples$,
          faults$: faults.asObservable(),
          readBattery: () => readBattery(server),
          readInfo: () => readDeviceInfo(server),
          tare: () => control.writeValueWithResponse(encodeControl({ op: 'tare' })),
        };
      },
    };
  },
};
