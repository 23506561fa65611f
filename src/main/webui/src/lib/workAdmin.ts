/** What an organizer may do with a work's publication, by its status (pure, unit-tested; the API decides). */
export type WorkAction = 'unpublish' | 'republish' | 'requestPublication';

/**
 * Published works can be taken down (with a reason); taken-down works (WITHDRAWN) put back, unless changed since, which
 * the API refuses with its own message; drafts, rejected and withdrawn works with verified files can be sent to the
 * moderators. Works in moderation wait for the moderators.
 */
export function workActions(status: string, hasFiles: boolean): WorkAction[] {
  switch (status) {
    case 'PUBLISHED': return ['unpublish'];
    case 'WITHDRAWN': return hasFiles ? ['republish', 'requestPublication'] : ['republish'];
    case 'DRAFT': case 'REJECTED': return hasFiles ? ['requestPublication'] : [];
    default: return [];
  }
}

/** Status tag colours shared by the organizer's tables. */
export function statusColor(status: string): string {
  return ({ PUBLISHED: 'green', IN_MODERATION: 'blue', REJECTED: 'red', WITHDRAWN: 'orange', DRAFT: 'default' } as Record<string, string>)[status] ?? 'default';
}
