import type { DeviceProfile } from '../profile';
import { referenceProfile } from './reference';

/** Every device the app can pair with, in the order they are tried after pairing. */
export const PROFILES: readonly DeviceProfile[] = [referenceProfile];
