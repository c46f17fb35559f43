import type { DeviceProfile } from '../profile';
import { elvieProfile } from './elvie';
import { essProfile } from './ess';
import { femfitProfile } from './femfit';
import { kGoalProfile } from './kgoal';
import { magicMotionProfile } from './magicMotion';
import { perifitProfile } from './perifit';
import { referenceProfile } from './reference';

/**
 * Every device the app can pair with, in the order they are tried after pairing: vendor
 * services first, the generic Environmental Sensing service last (a vendor device may expose it
 * for temperature).
 */
export const PROFILES: readonly DeviceProfile[] = [referenceProfile, kGoalProfile, magicMotionProfile, perifitProfile, elvieProfile, femfitProfile, essProfile];
