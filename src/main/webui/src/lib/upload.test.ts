import { describe, expect, it } from 'vitest';
import { isMultipart, partUrl, storedParts, type SessionInfo } from './upload';

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
