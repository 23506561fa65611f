package cn.kepu.media.contests.api;

import cn.kepu.media.contests.Contest;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Contests are public announcements: anyone may read them. */
@GraphQLApi
public class ContestGraphQL {

    @Query("contests")
    @Description("All contests, newest first.")
    public @NonNull List<@NonNull ContestView> contests() {
        Instant now = Instant.now();
        return Contest.<Contest>list("order by createdAt desc, id desc").stream()
                .map(c -> ContestView.of(c, now))
                .toList();
    }

    @Query("contest")
    public @NonNull ContestView contest(@NonNull @Id String id) {
        Contest contest = Contest.findById(Ids.parse(id, "id"));
        if (contest == null) {
            throw ApiException.notFound("Contest", id);
        }
        return ContestView.of(contest, Instant.now());
    }
}
