package cn.kepu.media.judging.api;

import cn.kepu.media.works.WorkKind;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * An entry as a judge sees it: blind. It deliberately has no path to the entrant, their organization or region, the
 * creators, credit line, file names or any account; {@code BlindJudgingSchemaTest} walks the schema to keep it so.
 */
@Description("An assigned entry, blind: content only, no identity of entrant, creators, organization or region.")
public record JudgeEntry(
        @Id @NonNull String assignmentId,
        @NonNull String entryCode,
        int roundNumber,
        @NonNull String roundName,
        @NonNull String categoryName,
        @NonNull WorkKind kind,
        @NonNull String title,
        @NonNull String description,
        @Description("Your latest score revision, if you scored.") JudgeScore myScore,
        @NonNull @Description("Other judges' latest scores, anonymised; empty until you submit your own.")
        List<@NonNull PeerScore> peerScores) {
}
