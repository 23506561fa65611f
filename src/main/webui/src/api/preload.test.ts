import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson, preloadingFetch } from './preload';

const body = (operationName: string, variables: object) => JSON.stringify({ operationName, query: 'query X { x }', variables });

describe('preloadingFetch', () => {
  const network = vi.fn(async () => new Response('{"data":{"from":"network"}}'));
  afterEach(() => {
    vi.unstubAllGlobals();
    network.mockClear();
  });
  function preload(variables: object, answer: string | null) {
    vi.stubGlobal('fetch', network);
    vi.stubGlobal('window', { __kepuPreload: { operationName: 'SearchWorks', variables, answer: Promise.resolve(answer) } });
  }

  it('answers the same operation with the same variables from the preload, once', async () => {
    preload({ query: '量子', filter: {}, first: 24, after: null, sort: 'RELEVANCE' }, '{"data":{"from":"preload"}}');
    const f = preloadingFetch(true);
    const init = { method: 'POST', body: body('SearchWorks', { sort: 'RELEVANCE', first: 24, after: null, filter: {}, query: '量子' }) };
    expect(await (await f('/graphql', init)).json()).toEqual({ data: { from: 'preload' } });
    expect(network).not.toHaveBeenCalled();
    expect(await (await f('/graphql', init)).json()).toEqual({ data: { from: 'network' } });
  });

  it('goes to the network for other variables, a signed-in client or a failed preload', async () => {
    preload({ query: '量子', first: 24 }, '{"data":{"from":"preload"}}');
    expect(await (await preloadingFetch(true)('/graphql', { body: body('SearchWorks', { query: '光', first: 24 }) })).json()).toEqual({ data: { from: 'network' } });
    expect(await (await preloadingFetch(false)('/graphql', { body: body('SearchWorks', { query: '量子', first: 24 }) })).json()).toEqual({ data: { from: 'network' } });
    preload({ query: '量子' }, null);
    expect(await (await preloadingFetch(true)('/graphql', { body: body('SearchWorks', { query: '量子' }) })).json()).toEqual({ data: { from: 'network' } });
    expect(network).toHaveBeenCalledTimes(3);
  });

  it('compares variables whatever their key order', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: null }], a: 'x', u: undefined })).toBe('{"a":"x","b":[1,{"c":null,"d":2}]}');
  });
});
