package cn.kepu.media.works;

import java.util.UUID;

/**
 * What probing found in one verified file of a work: the facts contest rules and search filters use. Measured from
 * the bytes, never taken from what the uploader declared.
 *
 * @param width  pixels, null when not an image or video
 * @param height pixels, null when not an image or video
 * @param durationSeconds null unless a video
 */
public record MediaFacts(UUID assetId, String mimeType, long sizeBytes, Integer width, Integer height,
        Double durationSeconds) {
}
