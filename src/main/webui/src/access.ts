/**
 * What the signed-in user's roles let the application show: menus and routes. The API stays the authority on every
 * operation; this only keeps people from walking into screens they cannot use.
 */
export type RoleName = 'ENTRANT' | 'JUDGE' | 'MEDIA' | 'MODERATOR' | 'ORGANIZER';

export interface Access {
  signedIn: boolean;
  /** Has a profile (`me` answered); a first-time OIDC user must register first. */
  registered: boolean;
  canEnter: boolean;
  canJudge: boolean;
  canModerate: boolean;
  canOrganize: boolean;
  /** Media outlets download originals under licence, select in bulk and keep a history. */
  isOutlet: boolean;
  /** Originals may be downloaded by outlets (under licence), organizers and moderators. */
  canDownloadOriginals: boolean;
}

export function computeAccess(roles: readonly string[] | null | undefined, signedIn: boolean, registered: boolean): Access {
  const has = (r: RoleName) => signedIn && !!roles?.includes(r);
  return {
    signedIn,
    registered,
    canEnter: has('ENTRANT'),
    canJudge: has('JUDGE'),
    canModerate: has('MODERATOR'),
    canOrganize: has('ORGANIZER'),
    isOutlet: has('MEDIA'),
    canDownloadOriginals: has('MEDIA') || has('ORGANIZER') || has('MODERATOR'),
  };
}

export type Capability = Exclude<keyof Access, 'signedIn' | 'registered'>;

/** The home screen after signing in: the first screen the roles give, in the order of the daily work. */
export function homeFor(access: Access): string {
  if (access.canOrganize) return '/organizer/contests';
  if (access.canModerate) return '/moderation';
  if (access.canJudge) return '/judge';
  if (access.canEnter) return '/me/works';
  return '/';
}
