package cn.kepu.media.judging;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.Contests.Registered;
import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * Organizers read a contest's current judge panel (what setJudgePanel last set) as a Relay connection on the contest,
 * resolved for a whole list of contests in a bounded number of statements; nobody else sees it.
 */
@QuarkusTest
class JudgePanelTest {

    private static final String SET_PANEL = "mutation($c: ID!, $j: [PanelJudgeInput!]!) { setJudgePanel(contestId: $c,"
            + " judges: $j) }";
    private static final String PANEL = """
            query($id: ID!, $first: Int, $after: String) { contest(id: $id) { judgePanel(first: $first, after: $after) {
              edges { cursor node { judgeId categoryCodes maxLoad judge { id displayName organization } } }
              pageInfo { hasNextPage endCursor } } } }""";

    @Inject
    SessionFactory sessionFactory;

    @Test
    void organizersReadTheCurrentPanelPageByPageAndOthersDoNot() {
        GraphQL organizer = GraphQL.as("organizer1");
        String contest = organizer.run(Contests.CREATE, Map.of("input", Contests.input("评委组读取", Duration.ofHours(1),
                3))).ok().string("createContest.id");
        assertThat(organizer.run(PANEL, Map.of("id", contest)).ok().<List<Object>>data("contest.judgePanel.edges"))
                .as("no panel yet").isEmpty();

        Registered first = Contests.register("panel-judge", "JUDGE", "清华大学", "BEIJING");
        Registered second = Contests.register("panel-judge", "JUDGE", "复旦大学", "SHANGHAI");
        Registered third = Contests.register("panel-judge", "JUDGE", "浙江大学", "ZHEJIANG");
        organizer.run(SET_PANEL, Map.of("c", contest, "j", List.of(
                Map.of("judgeId", first.id(), "categoryCodes", List.of("VIDEO", "POSTER"), "maxLoad", 5),
                Map.of("judgeId", second.id()),
                Map.of("judgeId", third.id(), "categoryCodes", List.of("POSTER"))))).ok();

        // Newest account first, two per page: the third and second judges, then the first.
        var page1 = organizer.run(PANEL, Map.of("id", contest, "first", 2)).ok();
        assertThat(page1.<List<String>>data("contest.judgePanel.edges.node.judgeId"))
                .containsExactly(third.id(), second.id());
        assertThat(page1.<List<String>>data("contest.judgePanel.edges.node.judge.organization"))
                .containsExactly("浙江大学", "复旦大学");
        assertThat(page1.<List<Object>>data("contest.judgePanel.edges.node.categoryCodes"))
                .containsExactly(List.of("POSTER"), List.of());
        assertThat(page1.<Boolean>data("contest.judgePanel.pageInfo.hasNextPage")).isTrue();
        var page2 = organizer.run(PANEL, Map.of("id", contest, "first", 2, "after",
                page1.string("contest.judgePanel.pageInfo.endCursor"))).ok();
        assertThat(page2.<List<String>>data("contest.judgePanel.edges.node.judgeId")).containsExactly(first.id());
        assertThat(page2.<List<Object>>data("contest.judgePanel.edges.node.categoryCodes"))
                .containsExactly(List.of("POSTER", "VIDEO"));
        assertThat(page2.<List<Integer>>data("contest.judgePanel.edges.node.maxLoad")).containsExactly(5);
        assertThat(page2.<Boolean>data("contest.judgePanel.pageInfo.hasNextPage")).isFalse();

        // Setting the panel again replaces it: the read shows what was set last.
        organizer.run(SET_PANEL, Map.of("c", contest, "j", List.of(Map.of("judgeId", second.id())))).ok();
        assertThat(organizer.run(PANEL, Map.of("id", contest)).ok()
                .<List<String>>data("contest.judgePanel.edges.node.judgeId")).containsExactly(second.id());

        for (String login : List.of("judge1", "moderator1", "entrant1", "media1")) {
            assertThat(GraphQL.as(login).run(PANEL, Map.of("id", contest)).ok().<Object>data("contest.judgePanel"))
                    .as("the panel, read by %s", login).isNull();
        }
        assertThat(GraphQL.anonymous().run(PANEL, Map.of("id", contest)).ok().<Object>data("contest.judgePanel"))
                .isNull();
    }

    @Test
    void thePanelsOfAListOfContestsCostTheSameFewStatementsHoweverManyContestsThereAre() {
        GraphQL organizer = GraphQL.as("organizer1");
        String query = "{ contests { id judgePanel(first: 5) { edges { node { judgeId judge { displayName } } } } } }";
        contestWithPanel(organizer, 0);
        long without = statementsFor(organizer, "{ contests { id } }");
        long before = statementsFor(organizer, query);
        contestWithPanel(organizer, 1);
        contestWithPanel(organizer, 2);
        long after = statementsFor(organizer, query);
        assertThat(after).as("statements with two more contests and panels").isEqualTo(before);
        // The panel query, the judges' accounts, and the caller's granted roles (read once per request).
        assertThat(after - without).isLessThanOrEqualTo(3);
    }

    private static void contestWithPanel(GraphQL organizer, int i) {
        String contest = organizer.run(Contests.CREATE, Map.of("input", Contests.input("评委组批量 " + i,
                Duration.ofHours(1), 3))).ok().string("createContest.id");
        Registered judge = Contests.register("batch-judge", "JUDGE", "北京大学", "BEIJING");
        organizer.run(SET_PANEL, Map.of("c", contest, "j", List.of(Map.of("judgeId", judge.id())))).ok();
    }

    private long statementsFor(GraphQL caller, String query) {
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        caller.run(query).ok();
        return statistics.getPrepareStatementCount();
    }
}
