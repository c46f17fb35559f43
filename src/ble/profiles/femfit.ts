import { Subject, map, merge } from 'rxjs';
import { assembleFemfit, createFemfitAssembly, decodeFemfitPair, rezeroFemfit } from '../decoders/femfit';
import { notifications } from '../observe';
import type { DeviceProfile, LinkFault } from '../profile';
import { decodeEach } from '../sampleLink';
import { STANDARD_SERVICES, readBattery, readDeviceInfo } from '../standard';

export const FEMFIT_SERVICE = '0d9e0001-c111-49cd-bba3-85c7471cb6fa';
/** One notify characteristic per pair of sensors: 1–2, 3–4, 5–6, 7–8. */
export const FEMFIT_PAIRS = [
  '0d9e0002-c111-49cd-bba3-85c7471cb6fa',
  '0d9e0003-c111-49cd-bba3-85c7471cb6fa',
  '0d9e0004-c111-49cd-bba3-85c7471cb6fa',
  '0d9e0005-c111-49cd-bba3-85c7471cb6fa',
] as const;

/**
 * femfit research probe: eight absolute pressure sensors along the probe, converted from mmHg
 * to cmH2O and zeroed at the first complete reading. Main channel: the mean of sensors 1–6 (over
 * the pelvic floor); reference: sensor 8 (abdominal), so straining is told from a squeeze as on
 * any two-channel device.
 */
export const femfitProfile: DeviceProfile = {
  id: 'femfit',
  displayName: 'femfit',
  communityDocumented: true,
  unit: 'cmH2O',
  note: 'device.note.femfit',
  filters: [{ services: [FEMFIT_SERVICE] }],
  optionalServices: [FEMFIT_SERVICE, ...STANDARD_SERVICES],
  service: FEMFIT_SERVICE,
  createDriver(clock) {
    // Lives for the session: the resting levels hold across reconnects.
    const assembly = createFemfitAssembly();
    return {
      async open(device, server) {
        const service = await server.getPrimaryService(FEMFIT_SERVICE);
        const pairs = [];
        for (const uuid of FEMFIT_PAIRS) pairs.push(await notifications(await service.getCharacteristic(uuid), device));
        // A new link starts a new round: no half round from before the drop.
        assembly.fresh.fill(false);
        const faults = new Subject<LinkFault>();
        const samples$ = merge(...pairs.map((values$, pair) => values$.pipe(map((view) => ({ pair, view }))))).pipe(
          decodeEach(({ pair, view }: { pair: number; view: DataView }) => assembleFemfit(assembly, pair, decodeFemfitPair(view), clock.now()), faults),
        );
        return {
          profileId: 'femfit',
          samples$,
          faults$: faults.asObservable(),
          readBattery: () => readBattery(server),
          readInfo: () => readDeviceInfo(server),
          tare: async () => rezeroFemfit(assembly),
        };
      },
    };
  },
};
