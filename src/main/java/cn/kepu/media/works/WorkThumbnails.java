package cn.kepu.media.works;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What people browsing works see of their files: thumbnail and preview URLs usable directly in an {@code <img>} or
 * {@code <video>} tag. Owned by works so that search, collections, moderation and judging ask the lower feature;
 * implemented by the media feature.
 *
 * <p>The URLs are blind capabilities: a random key per rendition, a signature and an expiry, nothing about the work,
 * its owner or the original file, and the bytes behind them carry no metadata. Whoever calls this must already have
 * decided that the caller may see the works' content (the URLs need no sign-in: image tags cannot send tokens).
 */
public interface WorkThumbnails {

    enum MediaType {
        IMAGE, VIDEO
    }

    /**
     * One file of a work as renditions; a URL is null while its rendition is not ready (or failed).
     *
     * @param previewUrl a 1280 px JPEG for images, a ≤ 720p H.264/AAC MP4 for videos
     * @param largeUrl   images only: 2560 px JPEG for zooming
     * @param posterUrl  videos only: a 1280 px frame
     * @param expiresAt  when the URLs stop working; the same URLs are handed out until shortly before, so browsers
     *                   can cache them
     */
    record Preview(MediaType mediaType, String thumbnailUrl, String previewUrl, String largeUrl, String posterUrl,
            Instant expiresAt, Integer width, Integer height, Double durationSeconds) {
    }

    /** Every verified file of each work, in upload order, in a bounded number of queries whatever the count. */
    Map<UUID, List<Preview>> previewsOf(Collection<UUID> workIds);
}
