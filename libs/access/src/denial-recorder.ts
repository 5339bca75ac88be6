import type { Actor } from './actor';

/**
 * Where refused attempts are written. The audit library provides it; the policy only depends
 * on this shape, so the audit trail's own routes can use the policy without a cycle.
 */
export interface DenialRecorder {
  recordDenied(
    actor: Pick<Actor, 'organizationId' | 'userId' | 'requestId'>,
    entry: { action: string; objectType: string; objectId: string | null },
  ): Promise<void>;
}

export const DENIAL_RECORDER = Symbol('DENIAL_RECORDER');
