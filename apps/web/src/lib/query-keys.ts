/**
 * Query keys of data that more than one part of the app reads or invalidates. Each factory builds
 * its keys from one root, so `invalidateQueries({ queryKey: menteeKeys.all })` reaches every
 * query below it. Keys only one feature uses stay in that feature's `api.ts`, built the same way.
 * No key is written as a literal array: a renamed root would silently stop an invalidation.
 */
export const menteeKeys = {
  all: ['mentees'] as const,
  /** The caller's mentees (a manager's managed and mentored ones). */
  list: () => [...menteeKeys.all, 'list'] as const,
  /** HR's pages of every mentee. */
  page: (cursor: string, managerId: string) => [...menteeKeys.all, 'page', cursor, managerId] as const,
  enrolled: () => [...menteeKeys.all, 'enrolled'] as const,
  detail: (id: string) => [...menteeKeys.all, 'detail', id] as const,
  phaseHistory: (id: string) => [...menteeKeys.detail(id), 'phase-history'] as const,
  /** Readiness, milestones, goals, recent feedback, assessments and trend: one call. */
  progress: (id: string) => [...menteeKeys.detail(id), 'progress'] as const,
  feedback: (id: string) => [...menteeKeys.detail(id), 'feedback'] as const,
  assignments: (id: string) => [...menteeKeys.detail(id), 'assignments'] as const,
};

export const userKeys = {
  all: ['users'] as const,
  page: (filter: object) => [...userKeys.all, 'page', filter] as const,
  managers: () => [...userKeys.all, 'managers'] as const,
};

/** The dashboard's numbers: framework, enrolment and mentee changes move them. */
export const reportKeys = {
  all: ['reports'] as const,
  summary: () => [...reportKeys.all, 'summary'] as const,
  managerHeatmap: (department: string, cursor: string) =>
    [...reportKeys.all, 'heatmap', 'managers', department, cursor] as const,
  departments: () => [...reportKeys.all, 'departments'] as const,
};

export const frameworkKeys = {
  all: ['framework'] as const,
};

/** Requests addressed to the signed-in person; answering one (respond) takes it off the list. */
export const feedbackRequestKeys = {
  all: ['my-feedback-requests'] as const,
  page: (cursor: string | null) => [...feedbackRequestKeys.all, cursor] as const,
};

/**
 * What waits for the signed-in person (the inbox and its count in the navigation). Any change
 * may clear an item, so every successful mutation invalidates it (see App).
 */
export const inboxKeys = {
  all: ['inbox'] as const,
};
