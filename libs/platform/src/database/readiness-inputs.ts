/**
 * What a write that changes a readiness input tells the readiness read model, in the write's own
 * transaction. Declared here so features that own the inputs (feedback, goals, milestones, the
 * framework…) need not depend on the readiness library, which depends on them; the readiness
 * library provides the implementation.
 */
export abstract class ReadinessInputs {
  /** These mentees' inputs changed: their rows are refreshed now, so the caller reads its own write. */
  abstract menteesChanged(organizationId: string, menteeIds: string[]): Promise<void>;
  /** A person's name changed: the rows that carry it are refreshed now. */
  abstract userChanged(organizationId: string, userId: string): Promise<void>;
  /** An organization-wide input changed (weights, stale days, the framework): every row is recomputed in the background. */
  abstract organizationChanged(organizationId: string): Promise<void>;
}
