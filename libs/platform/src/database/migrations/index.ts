import { Organizations1764201600000 } from './1764201600000-organizations';

/** Every migration, in order. Listed explicitly so every build and test runner finds the same set. */
export const migrations = [Organizations1764201600000];
