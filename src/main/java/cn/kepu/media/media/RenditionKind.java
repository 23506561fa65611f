package cn.kepu.media.media;

import org.eclipse.microprofile.graphql.Description;

@Description("""
        A file derived from an original, without any of its metadata. Images: THUMBNAIL (320 px JPEG), PREVIEW \
        (1280 px JPEG), LARGE (2560 px JPEG, for zooming). Videos: POSTER (1280 px JPEG frame), THUMBNAIL (320 px \
        JPEG frame), PREVIEW (H.264/AAC MP4 at most 720p, faststart, plays in every browser).""")
public enum RenditionKind {
    THUMBNAIL, PREVIEW, POSTER, LARGE
}
