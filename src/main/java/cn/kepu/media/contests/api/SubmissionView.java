package cn.kepu.media.contests.api;

import cn.kepu.media.contests.ContestCategory;
import cn.kepu.media.contests.Submission;
import cn.kepu.media.contests.SubmissionStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
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
        @NonNull Instant submittedAt,
        @NonNull Instant updatedAt,
        int version) {

    /** Maps a list with one query for the categories. */
    public static List<SubmissionView> of(List<Submission> submissions) {
        Map<UUID, ContestCategory> categories = new HashMap<>();
        if (!submissions.isEmpty()) {
            ContestCategory.<ContestCategory>list("id in ?1", submissions.stream().map(s -> s.categoryId).distinct().toList())
                    .forEach(c -> categories.put(c.id, c));
        }
        return submissions.stream().map(s -> {
            ContestCategory c = categories.get(s.categoryId);
            return new SubmissionView(s.id.toString(), s.entryCode, s.status, s.contestId.toString(), c.code, c.name,
                    s.submittedAt, s.updatedAt, (int) s.version);
        }).toList();
    }

    public static SubmissionView of(Submission submission) {
        return of(List.of(submission)).get(0);
    }

    public UUID submissionId() {
        return UUID.fromString(id);
    }
}
