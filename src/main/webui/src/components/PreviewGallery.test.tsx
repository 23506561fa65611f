// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import '../i18n';
import PreviewGallery from './PreviewGallery';
import { loadWorkspaceMessages } from '../i18n/workspace';

// A workspace's component: its texts come with the workspaces' routes (src/i18n/sections.ts).
beforeAll(loadWorkspaceMessages);

beforeAll(() => {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }),
  });
});
afterEach(cleanup);

const image = { mediaType: 'IMAGE' as const, thumbnailUrl: '/t.jpg', previewUrl: '/p.jpg', largeUrl: '/l.jpg', posterUrl: null, durationSeconds: null, width: 2560, height: 1440, urlsExpireAt: '2099-01-01T00:00:00Z' };
const video = { ...image, mediaType: 'VIDEO' as const, previewUrl: '/v.mp4', posterUrl: '/poster.jpg', largeUrl: null, durationSeconds: 65 };

describe('PreviewGallery', () => {
  it('shows an image focusable for zoom and a video in a labelled player with its facts', () => {
    const { container, getByTestId } = render(<PreviewGallery previews={[image, video]} kind="SHORT_VIDEO" title="深海" testId="g" />);
    const img = container.querySelector('img[src="/p.jpg"]') as HTMLImageElement;
    expect(img.getAttribute('alt')).toBe('深海 (1/2)');
    const zoom = getByTestId('preview-image');
    expect(zoom.contains(img)).toBe(true);
    expect(zoom.tagName).toBe('BUTTON');
    expect(zoom.getAttribute('type')).toBe('button');
    const player = container.querySelector('video') as HTMLVideoElement;
    expect(player.getAttribute('src')).toBe('/v.mp4');
    expect(player.getAttribute('poster')).toBe('/poster.jpg');
    expect(player.getAttribute('aria-label')).toContain('深海 (2/2)');
    expect(getByTestId('g').textContent).toContain('1:05');
  });

  it('falls back to the kind icon when the work has no previews', () => {
    const { container } = render(<PreviewGallery previews={[]} kind="POSTER" title="海报" testId="g" />);
    expect(container.querySelector('img, video')).toBeNull();
    expect(container.querySelector('.thumb')).not.toBeNull();
  });
});
