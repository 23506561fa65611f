package cn.kepu.media.media.api;

import cn.kepu.media.media.Rendition;
import cn.kepu.media.media.RenditionKind;
import cn.kepu.media.media.RenditionStatus;
import java.util.Locale;
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
        @Description("""
                Why it is SKIPPED or FAILED, or that an attempt failed while retrying; in the caller's language \
                (Accept-Language; Simplified Chinese by default).""") String message) {

    /** The rendition as {@code locale}'s reader sees it: its message in that language. */
    static RenditionView of(Rendition r, Locale locale) {
        return new RenditionView(r.key.kind(), r.status, r.contentType, r.width, r.height, r.sizeBytes, r.attempts,
                r.progress, r.message().map(message -> message.in(locale)).orElse(null));
    }
}
