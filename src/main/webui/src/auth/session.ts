/**
 * The signed-in user's bearer token. Kept in sessionStorage (this tab only, gone when it closes) so a reload does not
 * sign the user out, and never in localStorage or a cookie: nothing outlives the browser session.
 */
const KEY = 'kepu.session';

export interface Session {
  token: string;
  /** 'dev' for the demo picker, 'oidc' for the identity provider. */
  source: 'dev' | 'oidc';
  /** The login shown in the header until `me` answers. */
  login: string;
}

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

let current: Session | null = read();

function read(): Session | null {
  const raw = storage()?.getItem(KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Session;
    if (typeof parsed.token !== 'string' || isExpired(parsed.token)) return null;
    return parsed;
  } catch {
    return null;
  }
}

/** The `exp` claim of a JWT in seconds since the epoch, or null when the token carries none or is not a JWT. */
export function tokenExpiry(token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

export function isExpired(token: string, nowSeconds = Date.now() / 1000): boolean {
  const exp = tokenExpiry(token);
  return exp !== null && exp <= nowSeconds;
}

export function getSession(): Session | null {
  if (current && isExpired(current.token)) setSession(null);
  return current;
}

export function getToken(): string | null {
  return getSession()?.token ?? null;
}

export function setSession(session: Session | null): void {
  current = session;
  const s = storage();
  if (session) s?.setItem(KEY, JSON.stringify(session));
  else s?.removeItem(KEY);
  listeners.forEach((l) => l(session));
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
