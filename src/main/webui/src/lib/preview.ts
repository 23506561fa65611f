/** How the staff screens show a work's blind-safe previews (pure, unit-tested). */
export interface PreviewLike {
  mediaType: 'IMAGE' | 'VIDEO';
  thumbnailUrl: string | null;
  previewUrl: string | null;
  largeUrl: string | null;
  posterUrl: string | null;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  urlsExpireAt: string;
}

export type Shown =
  | { type: 'image'; src: string; zoomSrc: string }
  | { type: 'video'; src: string; poster: string | null }
  | { type: 'pending'; thumbnail: string | null };

/**
 * An image shows its 1280 px preview and zooms into the 2560 px LARGE rendition; a video plays its web preview with
 * the poster frame. When the renditions are not ready yet (no preview URL), whatever thumbnail exists is shown.
 */
export function shownAs(p: PreviewLike): Shown {
  if (p.mediaType === 'VIDEO') {
    return p.previewUrl ? { type: 'video', src: p.previewUrl, poster: p.posterUrl ?? p.thumbnailUrl } : { type: 'pending', thumbnail: p.posterUrl ?? p.thumbnailUrl };
  }
  const src = p.previewUrl ?? p.largeUrl;
  return src ? { type: 'image', src, zoomSrc: p.largeUrl ?? src } : { type: 'pending', thumbnail: p.thumbnailUrl };
}

/** "1:05", "12:00", "1:02:03". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

/**
 * Milliseconds until the first of the previews' signed URLs expires, less a margin, so the page refetches before a
 * player or zoom hits an expired URL; null when there is nothing to refresh.
 */
export function refreshDelay(previews: readonly PreviewLike[], now: number, marginMs = 30_000): number | null {
  if (!previews.length) return null;
  const first = Math.min(...previews.map((p) => Date.parse(p.urlsExpireAt)).filter((t) => !Number.isNaN(t)));
  if (!Number.isFinite(first)) return null;
  // Never sooner than 5 s (no refetch loop on a clock that is off), never later than an hour (timers overflow at 2^31 ms).
  return Math.min(Math.max(first - now - marginMs, 5_000), 3_600_000);
}
