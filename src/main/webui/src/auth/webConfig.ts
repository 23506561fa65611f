/** What the service tells the web application about sign-in (GET /api/web-config). */
export interface WebConfig {
  /** Dev and test builds: the picker for demo accounts through /dev/token/{login}. */
  devSignIn: boolean;
  /** The OpenID Connect provider for the authorization-code flow with PKCE; null when none is configured. */
  oidc: { authority: string; clientId: string; scope: string } | null;
  /** Demo logins offered by the picker. */
  demoLogins: string[];
}

let cached: Promise<WebConfig> | null = null;

export function loadWebConfig(): Promise<WebConfig> {
  if (!cached) {
    cached = fetch('/api/web-config', { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<WebConfig>) : Promise.reject(new Error(String(r.status)))))
      .catch(() => ({ devSignIn: false, oidc: null, demoLogins: [] }));
  }
  return cached;
}
