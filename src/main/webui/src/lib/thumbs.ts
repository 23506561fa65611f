/** The parts of a work's MediaPreview a list needs. */
export interface ThumbSource {
  preview?: { thumbnailUrl?: string | null; posterUrl?: string | null; previewUrl?: string | null; mediaType?: string } | null;
}

/**
 * The small image to show for a work in a list: its 320 px thumbnail, else (while that is being made) a video's poster
 * frame or an image's preview; null when the work has no file yet or nothing is ready, so the kind icon shows.
 */
export function thumbnailUrl(work: ThumbSource): string | null {
  const p = work.preview;
  if (!p) return null;
  return p.thumbnailUrl ?? p.posterUrl ?? (p.mediaType === 'VIDEO' ? null : p.previewUrl ?? null);
}
