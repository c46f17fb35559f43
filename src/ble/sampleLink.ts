import { Subject, filter, map, share, type Observable, type OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../pipeline/types';
import { DecodeError, type Reading } from './decoders/decodeError';
import type { GattServer } from '../../protocol/gatt';
import type { LinkFault, SensorLink, SessionClock } from './profile';
import { readBattery, readDeviceInfo } from './standard';

/** A decoder's error as a fault the app counts; anything that is not a DecodeError is malformed too. */
export function toFault(error: unknown): LinkFault {
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: error instanceof DecodeError ? error.kind : 'malformed', detail };
}

/**
 * Decodes each value a device sends; one that does not decode is reported on `faults` and
 * dropped, so a damaged packet never ends the stream. `decode` returns null for a value that
 * completes no sample yet (a device that spreads one sample over several characteristics).
 */
export function decodeEach<T = DataView>(decode: (value: T) => SampleBatch | null, faults: Subject<LinkFault>): OperatorFunction<T, SampleBatch> {
  return (values$) =>
    values$.pipe(
      map((view) => {
        try {
          return decode(view);
        } catch (error) {
          faults.next(toFault(error));
          return null;
        }
      }),
      filter((batch): batch is SampleBatch => batch !== null),
      share(),
    );
}

/** One sample stamped with its arrival time, as a batch. */
export function arrivalBatch(tMs: number, reading: Reading): SampleBatch {
  return {
    t: Float64Array.of(tMs),
    p: Float32Array.of(reading.main),
    ref: reading.ref === null ? null : Float32Array.of(reading.ref),
    lostBefore: 0,
  };
}

/**
 * The link of a device that sends one reading per value and no timestamps: each value is
 * decoded and stamped with the session time it arrived (the real rate is measured from these).
 * A value that does not decode is reported on faults$ and dropped.
 */
export function arrivalLink(
  profileId: string,
  server: GattServer,
  values$: Observable<DataView>,
  decode: (view: DataView) => Reading,
  clock: SessionClock,
): SensorLink {
  const faults = new Subject<LinkFault>();
  const samples$ = values$.pipe(decodeEach((view) => arrivalBatch(clock.now(), decode(view)), faults));
  return {
    profileId,
    samples$,
    faults$: faults.asObservable(),
    readBattery: () => readBattery(server),
    readInfo: () => readDeviceInfo(server),
  };
}
