package cn.kepu.media.media.api;

import cn.kepu.media.media.NearDuplicates;
import cn.kepu.media.works.WorkStatus;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("NearDuplicate")
@Description("""
        A file of this work whose pictures match another work's file (re-encoded, resized or slightly cropped copies \
        included): the matched work and how close (perceptual-hash distance in bits of 64; 0 = identical pictures).""")
public record NearDuplicateView(
        @Id @NonNull String assetId,
        @Id @NonNull String matchedWorkId,
        @Id @NonNull String matchedAssetId,
        @NonNull String matchedWorkTitle,
        @NonNull WorkStatus matchedWorkStatus,
        @Description("Differing bits of 64 (worst matching keyframe for videos); copies measure 0–10.") int distance,
        @Description("1 for images; for videos how many of three keyframes matched.") int framesMatched,
        @NonNull Instant detectedAt) {

    public static NearDuplicateView of(NearDuplicates.Match m) {
        return new NearDuplicateView(m.assetId().toString(), m.matchedWorkId().toString(),
                m.matchedAssetId().toString(), m.matchedWorkTitle(), m.matchedWorkStatus(), m.distance(),
                m.framesMatched(), m.detectedAt());
    }
}
