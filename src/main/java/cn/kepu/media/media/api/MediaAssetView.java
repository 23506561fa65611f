package cn.kepu.media.media.api;

import cn.kepu.media.media.MediaAsset;
import cn.kepu.media.works.api.LicenceView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** A verified file; GPS position is deliberately absent (private). */
@Name("MediaAsset")
@Description("A verified file of a work with the facts measured from its bytes. GPS position is private and never"
        + " shown.")
public record MediaAssetView(
        @Id @NonNull String id,
        @NonNull String fileName,
        @NonNull @Description("Sniffed from the bytes.") String mimeType,
        long sizeBytes,
        @NonNull String sha256,
        Integer width,
        Integer height,
        @Description("EXIF orientation 1..8; renditions are already upright.") Integer orientation,
        String colorSpace,
        @Description("EXIF capture time.") Instant capturedAt,
        @Description("EXIF make and model.") String camera,
        Double durationSeconds,
        Double frameRate,
        String videoCodec,
        String audioCodec,
        @Description("Average bits per second over the whole file.") Long bitrateBps,
        @Description("Video: degrees clockwise a player turns the picture; width and height are as displayed.")
        Integer rotation,
        @NonNull @Description("How media outlets must credit the work.") String creditLine,
        @NonNull LicenceView licence,
        @NonNull List<@NonNull RenditionView> renditions,
        @NonNull Instant createdAt) {

    static MediaAssetView of(MediaAsset a, String creditLine, LicenceView licence, List<RenditionView> renditions) {
        return new MediaAssetView(a.id.toString(), a.fileName, a.mimeType, a.sizeBytes, a.sha256, a.width, a.height,
                a.orientation, a.colorSpace, a.capturedAt, a.camera, a.durationSeconds, a.frameRate, a.videoCodec,
                a.audioCodec, a.bitrateBps, a.rotation, creditLine, licence, renditions, a.createdAt);
    }
}
