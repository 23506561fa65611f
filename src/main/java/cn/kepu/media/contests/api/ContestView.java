package cn.kepu.media.contests.api;

import cn.kepu.media.contests.Contest;
import cn.kepu.media.contests.Declaration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
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
        @Description("Whether submissions are accepted now, by the server's clock.") boolean open,
        @Description("Start of judging, in the contest's time zone; unrestricted when null.") OffsetDateTime judgingOpensAt,
        @Description("End of judging, in the contest's time zone; unrestricted when null.") OffsetDateTime judgingClosesAt,
        @Description("Live submissions one entrant may have.") int entryLimit,
        @NonNull List<@NonNull Declaration> requiredDeclarations,
        @Description("Whether award results are public.") boolean resultsPublished) {

    public static ContestView of(Contest contest, Instant now) {
        return new ContestView(contest.id.toString(), contest.year, contest.title, contest.theme,
                contest.description, contest.timeZone,
                contest.submissionOpensAt.atZone(contest.zone()).toOffsetDateTime(),
                contest.submissionClosesAt.atZone(contest.zone()).toOffsetDateTime(),
                contest.acceptsSubmissionsAt(now),
                contest.judgingOpensAt == null ? null : contest.judgingOpensAt.atZone(contest.zone()).toOffsetDateTime(),
                contest.judgingClosesAt == null ? null : contest.judgingClosesAt.atZone(contest.zone()).toOffsetDateTime(),
                contest.entryLimit,
                Arrays.stream(contest.requiredDeclarations).map(Declaration::valueOf).toList(),
                contest.resultsPublished());
    }
}
