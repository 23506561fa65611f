/** A publication request as the entrant's panel reads it (newest first from publicationRequests). */
export interface RequestState {
  id: string;
  status: string;
  releaseAt?: string | null;
  releasedAt?: string | null;
}

/** Work states in which the owner may change the work, and so ask for its publication. */
const EDITABLE = ['DRAFT', 'REJECTED', 'WITHDRAWN'];

/**
 * What the owner can do about publishing a work outside contests: cancel the request that waits for a moderator, or
 * ask for publication when the work is editable, has a verified file and nothing is pending. `scheduled` is an
 * approval whose release time (embargo) has not come yet.
 */
export function publicationState<R extends RequestState>(workStatus: string, hasFiles: boolean, requests: readonly R[], now: Date = new Date()) {
  const latest: R | null = requests[0] ?? null;
  const pending: R | null = requests.find((r) => r.status === 'PENDING') ?? null;
  const scheduled = !!latest && latest.status === 'APPROVED' && !latest.releasedAt && !!latest.releaseAt && new Date(latest.releaseAt) > now;
  const canRequest = !pending && EDITABLE.includes(workStatus) && hasFiles;
  const needsFiles = !pending && EDITABLE.includes(workStatus) && !hasFiles;
  return { latest, pending, scheduled, canRequest, needsFiles };
}
