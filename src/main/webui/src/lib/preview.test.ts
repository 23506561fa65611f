import { describe, expect, it } from 'vitest';
import { formatDuration, refreshDelay, shownAs, type PreviewLike } from './preview';

const base: PreviewLike = {
  mediaType: 'IMAGE', thumbnailUrl: 't.jpg', previewUrl: 'p.jpg', largeUrl: 'l.jpg', posterUrl: null,
  durationSeconds: null, width: 4000, height: 3000, urlsExpireAt: '2026-12-02T02:00:00Z',
};

describe('shownAs', () => {
  it('shows an image at preview size and zooms into the large rendition', () => {
    expect(shownAs(base)).toEqual({ type: 'image', src: 'p.jpg', zoomSrc: 'l.jpg' });
    expect(shownAs({ ...base, largeUrl: null })).toEqual({ type: 'image', src: 'p.jpg', zoomSrc: 'p.jpg' });
  });

  it('plays a video from its web preview with the poster frame', () => {
    const video = { ...base, mediaType: 'VIDEO' as const, previewUrl: 'v.mp4', posterUrl: 'poster.jpg', largeUrl: null };
    expect(shownAs(video)).toEqual({ type: 'video', src: 'v.mp4', poster: 'poster.jpg' });
  });

  it('falls back to the thumbnail while renditions are not ready', () => {
    expect(shownAs({ ...base, previewUrl: null, largeUrl: null })).toEqual({ type: 'pending', thumbnail: 't.jpg' });
    expect(shownAs({ ...base, mediaType: 'VIDEO', previewUrl: null, thumbnailUrl: null })).toEqual({ type: 'pending', thumbnail: null });
  });
});

describe('formatDuration', () => {
  it('formats minutes and hours', () => {
    expect(formatDuration(65.4)).toBe('1:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(null)).toBe('');
  });
});

describe('refreshDelay', () => {
  it('refreshes a margin before the first URL expires, never sooner than 5 s', () => {
    const now = Date.parse('2026-12-02T01:50:00Z');
    const later = { ...base, urlsExpireAt: '2026-12-02T03:00:00Z' };
    expect(refreshDelay([later, base], now)).toBe(10 * 60_000 - 30_000);
    expect(refreshDelay([base], Date.parse('2026-12-02T02:00:00Z'))).toBe(5_000);
    expect(refreshDelay([], now)).toBeNull();
    expect(refreshDelay([{ ...base, urlsExpireAt: '2099-01-01T00:00:00Z' }], now)).toBe(3_600_000);
  });
});
