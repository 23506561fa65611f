import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { setSession } from './session';
import type { WebConfig } from './webConfig';

/**
 * Production sign-in: OpenID Connect authorization code flow with PKCE (oidc-client-ts does the protocol). The
 * provider's state and the user are kept in sessionStorage, never in persistent storage.
 */
function manager(oidc: NonNullable<WebConfig['oidc']>): UserManager {
  return new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    redirect_uri: `${window.location.origin}/auth/callback`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    scope: oidc.scope,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
  });
}

export async function startOidcSignIn(oidc: NonNullable<WebConfig['oidc']>, returnTo: string): Promise<void> {
  await manager(oidc).signinRedirect({ state: { returnTo } });
}

export async function completeOidcSignIn(oidc: NonNullable<WebConfig['oidc']>): Promise<string> {
  const user = await manager(oidc).signinRedirectCallback();
  const login = (user.profile.preferred_username as string | undefined) ?? user.profile.sub;
  setSession({ token: user.access_token, source: 'oidc', login });
  const state = user.state as { returnTo?: string } | undefined;
  return state?.returnTo && state.returnTo.startsWith('/') ? state.returnTo : '/';
}

export async function oidcSignOut(oidc: NonNullable<WebConfig['oidc']>): Promise<void> {
  await manager(oidc).removeUser();
}
