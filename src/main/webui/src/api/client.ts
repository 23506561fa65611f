import { Client, cacheExchange, fetchExchange, subscriptionExchange, type CombinedError } from 'urql';
import type { Client as WsClient } from 'graphql-ws';
import { getToken } from '../auth/session';
import i18n from '../i18n';
import { preloadingFetch } from './preload';

/** Same origin as the page: the service serves both the application and /graphql. */
function wsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

/**
 * One client per signed-in identity (the app re-creates it when the session changes, so no cached answer of one user
 * is shown to another). Queries and mutations go over HTTP with the bearer token; subscriptions over graphql-ws,
 * where browsers cannot set headers, so the token travels in `connection_init` (the server reads its
 * `Authorization` field).
 */
export function createApiClient(): Client {
  const token = getToken();
  // graphql-ws loads with the first subscription only (the entrant's status page), not on every first page.
  let ws: Promise<WsClient> | null = null;
  const socket = () => (ws ??= import('graphql-ws').then(({ createClient }) => createClient({
    url: wsUrl(),
    lazy: true,
    retryAttempts: 5,
    connectionParams: () => ({
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      locale: i18n.language === 'en-US' ? 'en' : 'zh-CN',
    }),
  })));
  return new Client({
    url: '/graphql',
    // Queries go as POST like mutations: urql would send GET (within the URL limit), which SmallRye GraphQL refuses
    // unless quarkus.smallrye-graphql.http.get.enabled is set.
    preferGetMethod: false,
    // The page's first query may already be on its way (index.html, vite.config.ts plugin query-preload).
    fetch: preloadingFetch(!token),
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        'accept-language': i18n.language === 'en-US' ? 'en' : 'zh-CN',
      },
    }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              let unsubscribe: (() => void) | null = null;
              let cancelled = false;
              void socket().then((client) => {
                if (!cancelled) unsubscribe = client.subscribe(input, sink);
              });
              return {
                unsubscribe() {
                  cancelled = true;
                  unsubscribe?.();
                },
              };
            },
          };
        },
      }),
    ],
  });
}

/** The `extensions.code` of the first GraphQL error (e.g. FORBIDDEN, CONFLICT), if any. */
export function errorCode(error: CombinedError | undefined | null): string | null {
  const code = error?.graphQLErrors?.[0]?.extensions?.code;
  return typeof code === 'string' ? code : null;
}

/** The server's message (already in the caller's language) without urql's "[GraphQL]" prefix. */
export function errorMessage(error: CombinedError | undefined | null): string {
  if (!error) return '';
  if (error.graphQLErrors?.length) return error.graphQLErrors.map((e) => e.message).join('; ');
  return error.networkError ? i18n.t('error.network') : error.message;
}
