package cn.kepu.media.contests.api;

import cn.kepu.media.contests.SubmissionStatus;
import cn.kepu.media.contests.SubmissionSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** A submission as its entrant, moderators and organizers see it; judges never get this type. */
@Name("Submission")
public record SubmissionView(
        @Id @NonNull String id,
        @NonNull @Description("Blind code judges see instead of any identity.") String entryCode,
        @NonNull SubmissionStatus status,
        @Id @NonNull String contestId,
        @NonNull String categoryCode,
        @NonNull String categoryName,
        @Id @Description("The rejected entry this one resubmits (the same work, revised), if any.")
        String previousSubmissionId,
        @NonNull Instant submittedAt,
        @NonNull Instant updatedAt,
        int version) {

    public static SubmissionView of(SubmissionSummary s) {
        return new SubmissionView(s.id().toString(), s.entryCode(), s.status(), s.contestId().toString(),
                s.categoryCode(), s.categoryName(), s.previousId() == null ? null : s.previousId().toString(),
                s.submittedAt(), s.updatedAt(), (int) s.version());
    }

    public static List<SubmissionView> of(List<SubmissionSummary> summaries) {
        return summaries.stream().map(SubmissionView::of).toList();
    }

    @Ignore
    public UUID submissionId() {
        return UUID.fromString(id);
    }
}
