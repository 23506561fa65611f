// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { HASH_CHUNK, sha256OfBlob } from './sha256';

describe('sha256OfBlob', () => {
  it('matches the known digest of "abc"', async () => {
    expect(await sha256OfBlob(new Blob(['abc']))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes across chunk boundaries exactly like one pass, reporting progress', async () => {
    const bytes = new Uint8Array(HASH_CHUNK * 2 + 123).map((_, i) => i % 251);
    const seen: number[] = [];
    const streamed = await sha256OfBlob(new Blob([bytes]), (done) => seen.push(done));
    const expected = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
    expect(streamed).toBe(expected);
    expect(seen).toEqual([HASH_CHUNK, HASH_CHUNK * 2, HASH_CHUNK * 2 + 123]);
  });

  it('hashes an empty file', async () => {
    expect(await sha256OfBlob(new Blob([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
