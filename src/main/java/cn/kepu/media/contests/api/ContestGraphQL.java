package cn.kepu.media.contests.api;

import cn.kepu.media.contests.ContestCategory;
import cn.kepu.media.contests.ContestInput;
import cn.kepu.media.contests.ContestRound;
import cn.kepu.media.contests.ContestService;
import cn.kepu.media.contests.RubricCriterion;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Contests are public announcements: anyone may read them; organizers define them. */
@GraphQLApi
public class ContestGraphQL {

    private final ContestService contests;

    public ContestGraphQL(ContestService contests) {
        this.contests = contests;
    }

    @Query("contests")
    @Description("All contests, newest first.")
    public @NonNull List<@NonNull ContestView> contests() {
        Instant now = contests.now();
        return contests.list().stream()
                .map(c -> ContestView.of(c, now))
                .toList();
    }

    @Query("contest")
    public @NonNull ContestView contest(@NonNull @Id String id) {
        return ContestView.of(contests.get(id), contests.now());
    }

    @Mutation("createContest")
    @Description("ORGANIZER: creates a contest with its categories, rubric and rounds.")
    public @NonNull ContestView createContest(@NonNull @Valid ContestInput input) {
        return ContestView.of(contests.create(input), contests.now());
    }

    @Mutation("rescheduleContest")
    @Description("ORGANIZER: moves the submission and judging windows.")
    public @NonNull ContestView rescheduleContest(@NonNull @Id String id,
            @NonNull @Valid ContestInput.ScheduleInput schedule) {
        return ContestView.of(contests.reschedule(id, schedule), contests.now());
    }

    public @NonNull List<@NonNull List<@NonNull CategoryView>> categories(@Source List<ContestView> contests) {
        return batch(contests, this.contests.categoriesOf(ids(contests)),
                c -> c.contestId, CategoryView::of);
    }

    public @NonNull List<@NonNull List<@NonNull CriterionView>> rubric(@Source List<ContestView> contests) {
        return batch(contests, this.contests.rubricOf(ids(contests)),
                c -> c.contestId, CriterionView::of);
    }

    public @NonNull List<@NonNull List<@NonNull RoundView>> rounds(@Source List<ContestView> contests) {
        return batch(contests, this.contests.roundsOf(ids(contests)),
                r -> r.contestId, RoundView::of);
    }

    private static List<UUID> ids(List<ContestView> contests) {
        return contests.stream().map(c -> UUID.fromString(c.id())).toList();
    }

    private static <E, V> List<List<V>> batch(List<ContestView> contests, List<E> rows, Function<E, UUID> key,
            Function<E, V> view) {
        Map<UUID, List<V>> grouped = rows.stream().collect(Collectors.groupingBy(key,
                Collectors.mapping(view, Collectors.toList())));
        return contests.stream().map(c -> grouped.getOrDefault(UUID.fromString(c.id()), List.of())).toList();
    }
}
