package cn.kepu.media.works.api;

import cn.kepu.media.works.WorkThumbnails;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** A file of a work as browsers show it; see {@link WorkThumbnails}. */
@Name("MediaPreview")
@Description("""
        A file of a work as URLs for <img> and <video> tags: no sign-in needed, nothing about the entrant in the URL, \
        headers or bytes. A URL is null while its rendition is being made. URLs stay the same until shortly before \
        urlsExpireAt, so browsers cache them; ask again after that.""")
public record MediaPreviewView(
        @NonNull WorkThumbnails.MediaType mediaType,
        @Description("320 px JPEG.") String thumbnailUrl,
        @Description("Images: 1280 px JPEG. Videos: H.264/AAC MP4 at most 720p, playable while it downloads.")
        String previewUrl,
        @Description("Images: 2560 px JPEG for zooming.") String largeUrl,
        @Description("Videos: a 1280 px frame.") String posterUrl,
        @NonNull Instant urlsExpireAt,
        Integer width,
        Integer height,
        Double durationSeconds) {

    public static MediaPreviewView of(WorkThumbnails.Preview p) {
        return new MediaPreviewView(p.mediaType(), p.thumbnailUrl(), p.previewUrl(), p.largeUrl(), p.posterUrl(),
                p.expiresAt(), p.width(), p.height(), p.durationSeconds());
    }
}
