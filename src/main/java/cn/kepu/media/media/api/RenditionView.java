package cn.kepu.media.media.api;

import cn.kepu.media.media.Rendition;
import cn.kepu.media.media.RenditionKind;
import cn.kepu.media.media.RenditionStatus;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Rendition")
public record RenditionView(
        @NonNull RenditionKind kind,
        @NonNull RenditionStatus status,
        String contentType,
        Integer width,
        Integer height,
        Long sizeBytes,
        int attempts,
        @Description("Percent done while a video preview is being converted; 100 once READY.") int progress,
        @Description("Why it is SKIPPED or FAILED, or the last failed attempt's error while retrying.") String message) {

    static RenditionView of(Rendition r) {
        return new RenditionView(r.key.kind(), r.status, r.contentType, r.width, r.height, r.sizeBytes, r.attempts,
                r.progress, r.message);
    }
}
