package cn.kepu.media.judging;

import static cn.kepu.media.testsupport.Contests.SUBMIT;
import static cn.kepu.media.testsupport.Contests.submission;
import static cn.kepu.media.testsupport.Contests.work;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.contests.SubmissionEvents;
import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.Contests.Registered;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.GraphQLWs;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The publisher behind the subscriptions {@code submissionStatusChanged} and {@code assignmentAdded}: committed
 * changes reach exactly the entrant or judge concerned. Tested at the service level (the streams the subscription
 * resolvers map), and one subscription end to end over graphql-ws.
 */
@QuarkusTest
class LiveUpdatesTest {

    @Inject
    JudgingEvents events;

    @Inject
    SubmissionEvents submissionEvents;

    @Test
    void entrantsHearTheirOwnSubmissionsAndJudgesTheirOwnAssignments() throws Exception {
        String contest = GraphQL.as("organizer1").run(Contests.CREATE, Map.of("input",
                Contests.input("实时通知", Duration.ofHours(1), 3))).ok().string("createContest.id");
        String round = GraphQL.anonymous().run("query($id: ID!) { contest(id: $id) { rounds { id } } }",
                Map.of("id", contest)).ok().string("contest.rounds[0].id");
        Registered entrant = Contests.register("live-entrant", "ENTRANT", "某科技馆", "YUNNAN");
        Registered other = Contests.register("live-other", "ENTRANT", "另一科技馆", "YUNNAN");
        List<Registered> judges = List.of(Contests.register("live-judge", "JUDGE", "评审甲", "TIBET"),
                Contests.register("live-judge", "JUDGE", "评审乙", "TIBET"),
                Contests.register("live-judge", "JUDGE", "评审丙", "TIBET"));

        List<SubmissionEvents.SubmissionChanged> heard = new CopyOnWriteArrayList<>();
        List<SubmissionEvents.SubmissionChanged> otherHeard = new CopyOnWriteArrayList<>();
        List<JudgingEvents.AssignmentAdded> judgeHeard = new CopyOnWriteArrayList<>();
        Cancellable s1 = submissionEvents.submissionsOf(UUID.fromString(entrant.id())).subscribe().with(heard::add);
        Cancellable s2 = submissionEvents.submissionsOf(UUID.fromString(other.id())).subscribe().with(otherHeard::add);
        Cancellable s3 = events.assignmentsOf(UUID.fromString(judges.get(0).id())).subscribe().with(judgeHeard::add);
        try {
            String workId = work(entrant.client(), "POSTER", "实时通知作品");
            TestMediaFacts.register(workId, TestMediaFacts.png(3000, 4000));
            String id = entrant.client().run(SUBMIT, submission(contest, "POSTER", workId)).ok().string("submitEntry.id");
            GraphQL.as("moderator1").run("mutation($s: ID!) { moderate(input: {submissionId: $s, stage: ENTRY,"
                    + " decision: APPROVE, reasonCode: OK}) { id } }", Map.of("s", id)).ok();
            GraphQL.as("organizer1").run("mutation($c: ID!, $j: [PanelJudgeInput!]!) { setJudgePanel(contestId: $c,"
                    + " judges: $j) }", Map.of("c", contest, "j", judges.stream().map(j -> Map.of("judgeId", j.id()))
                    .toList())).ok();
            GraphQL.as("organizer1").run("mutation($r: ID!) { autoAssign(roundId: $r) { added } }", Map.of("r", round)).ok();

            awaitSize(heard, 2);
            assertThat(heard).extracting(SubmissionEvents.SubmissionChanged::submissionId)
                    .containsOnly(UUID.fromString(id));
            awaitSize(judgeHeard, 1);
            assertThat(judgeHeard).singleElement().extracting(JudgingEvents.AssignmentAdded::judgeId)
                    .isEqualTo(UUID.fromString(judges.get(0).id()));
            assertThat(otherHeard).as("nobody hears someone else's submission").isEmpty();
        } finally {
            s1.cancel();
            s2.cancel();
            s3.cancel();
        }
    }

    @Test
    void anEntrantSubscribedOverGraphqlWsIsToldOfTheirSubmission() throws Exception {
        String contest = GraphQL.as("organizer1").run(Contests.CREATE, Map.of("input",
                Contests.input("实时通知 ws", Duration.ofHours(1), 3))).ok().string("createContest.id");
        GraphQL entrant = GraphQL.as("entrant2");
        String workId = work(entrant, "POSTER", "ws 通知作品");
        TestMediaFacts.register(workId, TestMediaFacts.png(3000, 4000));
        try (GraphQLWs ws = GraphQLWs.connect("entrant2")) {
            ws.subscribe("subscription { submissionStatusChanged { id status categoryCode } }");
            Thread.sleep(500); // let the subscription resolve the identity before the event is published
            String id = entrant.run(SUBMIT, submission(contest, "POSTER", workId)).ok().string("submitEntry.id");

            var message = ws.next(Duration.ofSeconds(5));
            assertThat(message).as("a message within 5 s").isNotNull();
            assertThat(message.getString("type")).isEqualTo("next");
            assertThat(message.getString("payload.data.submissionStatusChanged.id")).isEqualTo(id);
            assertThat(message.getString("payload.data.submissionStatusChanged.status")).isEqualTo("IN_MODERATION");
        }
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        for (int i = 0; i < 100 && list.size() < size; i++) {
            Thread.sleep(50);
        }
        assertThat(list).hasSize(size);
    }
}
