import { describe, expect, it } from 'vitest';
import { thumbnailUrl } from './thumbs';

describe('thumbnailUrl', () => {
  it('prefers the 320 px thumbnail', () => {
    expect(thumbnailUrl({ preview: { thumbnailUrl: 't', posterUrl: 'p', previewUrl: 'v', mediaType: 'IMAGE' } })).toBe('t');
  });

  it('falls back to a video poster, or an image preview, while the thumbnail is being made', () => {
    expect(thumbnailUrl({ preview: { thumbnailUrl: null, posterUrl: 'p', previewUrl: 'v.mp4', mediaType: 'VIDEO' } })).toBe('p');
    expect(thumbnailUrl({ preview: { thumbnailUrl: null, posterUrl: null, previewUrl: 'i.jpg', mediaType: 'IMAGE' } })).toBe('i.jpg');
  });

  it('never uses a video file as an image, and gives null without a file (the kind icon shows)', () => {
    expect(thumbnailUrl({ preview: { thumbnailUrl: null, posterUrl: null, previewUrl: 'v.mp4', mediaType: 'VIDEO' } })).toBeNull();
    expect(thumbnailUrl({ preview: null })).toBeNull();
    expect(thumbnailUrl({})).toBeNull();
  });
});
