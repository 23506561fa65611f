import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type Uppy from '@uppy/core';
import { completionParts, isMultipart, partUrl, storedParts, type SessionInfo } from './upload';

const session: SessionInfo = {
  id: 'u1',
  partSize: '5242880',
  url: null,
  parts: [
    { partNumber: 1, url: null, storedBytes: '5242880' },
    { partNumber: 2, url: 'https://s3/part2', storedBytes: null },
    { partNumber: 3, url: 'https://s3/part3', storedBytes: null },
  ],
};

describe('upload session mapping', () => {
  it('reports the parts the store holds so a resumed upload skips them', () => {
    expect(storedParts(session)).toEqual([{ PartNumber: 1, Size: 5242880, ETag: 'stored-1' }]);
  });

  it('gives the presigned URL of a missing part and none for a stored one', () => {
    expect(partUrl(session, 2)).toBe('https://s3/part2');
    expect(partUrl(session, 1)).toBeNull();
    expect(partUrl(session, 9)).toBeNull();
  });

  it('uses multipart only when the service cut the file into parts', () => {
    expect(isMultipart(session)).toBe(true);
    expect(isMultipart({ id: 'u2', partSize: null, url: 'https://s3/whole', parts: [] })).toBe(false);
  });
});

describe('the parts completeUpload names', () => {
  it('puts every part in order with the ETag its PUT was answered with', () => {
    const known = new Map([[1, '"e1"'], [2, '"e2"']]);
    expect(completionParts([{ PartNumber: 2, ETag: '"e2"' }, { PartNumber: 1, ETag: 'stored-1' }, { PartNumber: 3, ETag: '"e3"' }], known))
      .toEqual([{ partNumber: 1, etag: '"e1"' }, { partNumber: 2, etag: '"e2"' }, { partNumber: 3, etag: '"e3"' }]);
  });

  it('names none when a stored part was not stored by this page (the service then lists them)', () => {
    expect(completionParts([{ PartNumber: 1, ETag: 'stored-1' }, { PartNumber: 2, ETag: '"e2"' }], new Map())).toBeNull();
  });

  it('gives Uppy the real ETag of a part this page stored, a placeholder for any other', () => {
    expect(storedParts(session, new Map([[1, '"e1"']]))).toEqual([{ PartNumber: 1, Size: 5242880, ETag: '"e1"' }]);
  });
});

/**
 * Uppy's S3 plugin PUTs each part with XMLHttpRequest and reads the ETag from the answer's headers (as a browser shows
 * them when the bucket's CORS exposes ETag). A stand-in store: each part's ETag names the part and the attempt, so a
 * stale or guessed one would show.
 */
const MB = 1024 * 1024;
const puts: string[] = [];
let onPut: (part: string) => 'ok' | 'hold' = () => 'ok';
class StoreXhr {
  status = 0;
  responseText = '';
  responseType = '';
  timeout = 0;
  upload = { addEventListener() {} };
  private part = '';
  private listeners = new Map<string, ((ev: unknown) => void)[]>();
  private aborted = false;
  open(_method: string, url: string) { this.part = new URL(url).searchParams.get('partNumber') ?? 'whole'; }
  setRequestHeader() {}
  addEventListener(type: string, fn: (ev: unknown) => void) { this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]); }
  private emit(type: string) { (this.listeners.get(type) ?? []).forEach((fn) => fn({ target: this })); }
  private etag = '';
  getAllResponseHeaders() { return `content-length: 0\r\netag: ${this.etag}\r\n`; }
  abort() { this.aborted = true; this.emit('abort'); }
  send() {
    const what = onPut(this.part);
    setTimeout(() => {
      if (this.aborted || what === 'hold') return;
      this.etag = `"part-${this.part}-put-${puts.filter((p) => p === this.part).length}"`;
      puts.push(this.part);
      this.status = 200;
      this.emit('load');
    }, 0);
  }
}

describe('createUploader: the completion carries every part\'s ETag', () => {
  const multipart = (stored: number[]): SessionInfo => ({
    id: 'u1',
    partSize: 5 * MB,
    url: null,
    parts: [1, 2, 3].map((n) => stored.includes(n)
      ? { partNumber: n, url: null, storedBytes: 5 * MB }
      : { partNumber: n, url: `https://s3.test/k?uploadId=x&partNumber=${n}`, storedBytes: null }),
  });

  async function upload(sessionNow: () => SessionInfo, during?: (uppy: Uppy, fileId: string) => void) {
    const { createUploader } = await import('./upload');
    const uploader = createUploader({ start: async () => sessionNow(), session: async () => sessionNow() });
    const fileId = uploader.uppy.addFile({ name: 'clip.mp4', type: 'video/mp4', data: new File([new Uint8Array(12 * MB + 7)], 'clip.mp4', { type: 'video/mp4' }), source: 'local' });
    uploader.sessions.set(fileId, sessionNow());
    const success = new Promise<void>((resolve, reject) => {
      uploader.uppy.on('upload-success', () => resolve());
      uploader.uppy.on('upload-error', (_f, e) => reject(e));
    });
    during?.(uploader.uppy as unknown as Uppy, fileId);
    void uploader.uppy.upload();
    await success;
    uploader.uppy.destroy();
    return uploader.completedParts(fileId);
  }

  beforeEach(() => {
    puts.length = 0;
    onPut = () => 'ok';
    vi.stubGlobal('XMLHttpRequest', StoreXhr);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('names parts 1, 2, 3 in order with the ETag of each PUT', async () => {
    expect(await upload(() => multipart([]))).toEqual([
      { partNumber: 1, etag: '"part-1-put-0"' },
      { partNumber: 2, etag: '"part-2-put-0"' },
      { partNumber: 3, etag: '"part-3-put-0"' },
    ]);
    expect(puts).toEqual(['1', '2', '3']);
  });

  it('keeps the ETag of the part stored before the upload paused and resumed from the service\'s list', async () => {
    let stored: number[] = [];
    let uppy: Uppy | null = null;
    let fileId = '';
    onPut = (part) => {
      if (part === '1') stored = [1];
      // The second part's first PUT never answers: the upload pauses there and resumes, listing the stored parts.
      if (part === '2' && !puts.includes('2') && stored.length === 1 && !resumed) {
        resumed = true;
        setTimeout(() => { uppy!.pauseResume(fileId); setTimeout(() => uppy!.pauseResume(fileId), 10); }, 5);
        return 'hold';
      }
      return 'ok';
    };
    let resumed = false;
    const parts = await upload(() => multipart(stored), (u, id) => { uppy = u; fileId = id; });
    expect(resumed).toBe(true);
    expect(puts).toEqual(['1', '2', '3']); // the stored part was not sent again
    expect(parts).toEqual([
      { partNumber: 1, etag: '"part-1-put-0"' },
      { partNumber: 2, etag: '"part-2-put-0"' },
      { partNumber: 3, etag: '"part-3-put-0"' },
    ]);
  });

  it('names no parts for a single PUT', async () => {
    expect(await upload(() => ({ id: 'u2', partSize: null, url: 'https://s3.test/whole', parts: [] }))).toBeNull();
    expect(puts).toEqual(['whole']);
  });
});
