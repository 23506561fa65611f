package cn.kepu.media.contests.api;

import cn.kepu.media.contests.Contest;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Contest")
@Description("A themed call for works (主题征集).")
public record ContestView(
        @Id @NonNull String id,
        int year,
        @NonNull String title,
        @NonNull String theme,
        @NonNull String description,
        @NonNull @Description("IANA zone the deadlines are announced in.") String timeZone,
        @NonNull @Description("Opening of submissions, in the contest's time zone.") OffsetDateTime submissionOpensAt,
        @NonNull @Description("Deadline, in the contest's time zone.") OffsetDateTime submissionClosesAt,
        @Description("Whether submissions are accepted now, by the server's clock.") boolean open) {

    public static ContestView of(Contest contest, Instant now) {
        return new ContestView(contest.id.toString(), contest.year, contest.title, contest.theme,
                contest.description, contest.timeZone,
                contest.submissionOpensAt.atZone(contest.zone()).toOffsetDateTime(),
                contest.submissionClosesAt.atZone(contest.zone()).toOffsetDateTime(),
                contest.acceptsSubmissionsAt(now));
    }
}
