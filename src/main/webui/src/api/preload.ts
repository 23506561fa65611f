/**
 * The answer index.html's inline script (vite.config.ts, plugin query-preload) already asked for while the page's
 * JavaScript was loading: the first query of the search page or a work page, for a visitor who is not signed in.
 */
interface Preloaded {
  operationName: string;
  variables: Record<string, unknown>;
  answer: Promise<string | null>;
}

declare global {
  interface Window {
    __kepuPreload?: Preloaded;
  }
}

/** JSON with object keys in order, so that two equal variable sets compare equal however they were built. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * fetch for the API client: the request the preload made (same operation, same variables) is answered from it, once;
 * every other request, and that one too when the preload failed, goes to the network. `anonymous`: the client sends no
 * token (the preload never does).
 */
export function preloadingFetch(anonymous: boolean): typeof fetch {
  return (input, init) => {
    const preloaded = typeof window === 'undefined' ? undefined : window.__kepuPreload;
    if (preloaded && anonymous && typeof init?.body === 'string') {
      try {
        const body = JSON.parse(init.body) as { operationName?: string; variables?: unknown };
        if (body.operationName === preloaded.operationName && canonicalJson(body.variables) === canonicalJson(preloaded.variables)) {
          window.__kepuPreload = undefined;
          return preloaded.answer.then((text) => text === null
            ? fetch(input, init)
            : new Response(text, { status: 200, headers: { 'content-type': 'application/json' } }));
        }
      } catch {
        /* not JSON: not the preloaded request */
      }
    }
    return fetch(input, init);
  };
}
