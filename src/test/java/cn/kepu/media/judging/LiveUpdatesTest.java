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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

        Heard<SubmissionEvents.SubmissionChanged> heard = new Heard<>();
        Heard<SubmissionEvents.SubmissionChanged> otherHeard = new Heard<>();
        Heard<JudgingEvents.AssignmentAdded> judgeHeard = new Heard<>();
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

            assertThat(heard.await(2, Duration.ofSeconds(5))).hasSize(2).extracting(SubmissionEvents.SubmissionChanged::submissionId)
                    .containsOnly(UUID.fromString(id));
            assertThat(judgeHeard.await(1, Duration.ofSeconds(5))).singleElement()
                    .extracting(JudgingEvents.AssignmentAdded::judgeId).isEqualTo(UUID.fromString(judges.get(0).id()));
            // Both events above were delivered after the other entrant's stream was set up: it had its chance.
            assertThat(otherHeard.soFar()).as("nobody hears someone else's submission").isEmpty();
        } finally {
            s1.cancel();
            s2.cancel();
            s3.cancel();
        }
    }

    /**
     * The subscription is set up asynchronously (the server resolves the caller first), so an event published right
     * after {@code subscribe} may precede it. Instead of sleeping, the entrant submits one work after another until
     * the first message arrives (at most the contest's three entries); it must describe one of them.
     */
    @Test
    void anEntrantSubscribedOverGraphqlWsIsToldOfTheirSubmission() throws Exception {
        String contest = GraphQL.as("organizer1").run(Contests.CREATE, Map.of("input",
                Contests.input("实时通知 ws", Duration.ofHours(1), 3))).ok().string("createContest.id");
        GraphQL entrant = GraphQL.as("entrant2");
        List<String> works = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String workId = work(entrant, "POSTER", "ws 通知作品 " + i);
            TestMediaFacts.register(workId, TestMediaFacts.png(3000, 4000));
            works.add(workId);
        }
        try (GraphQLWs ws = GraphQLWs.connect("entrant2")) {
            ws.subscribe("subscription { submissionStatusChanged { id status categoryCode } }");
            List<String> submitted = new ArrayList<>();
            io.restassured.path.json.JsonPath message = null;
            for (int i = 0; i < works.size() && message == null; i++) {
                submitted.add(entrant.run(SUBMIT, submission(contest, "POSTER", works.get(i))).ok()
                        .string("submitEntry.id"));
                message = ws.next(i < works.size() - 1 ? Duration.ofSeconds(1) : Duration.ofSeconds(5));
            }

            assertThat(message).as("a message for one of three submissions").isNotNull();
            assertThat(message.getString("type")).isEqualTo("next");
            assertThat(message.getString("payload.data.submissionStatusChanged.id")).isIn(submitted);
            assertThat(message.getString("payload.data.submissionStatusChanged.status")).isEqualTo("IN_MODERATION");
        }
    }

    /** Events as a stream delivers them; waiting for them blocks on the queue until a deadline, no sleeping. */
    static final class Heard<T> implements java.util.function.Consumer<T> {

        private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
        private final List<T> taken = new ArrayList<>();

        @Override
        public void accept(T event) {
            queue.add(event);
        }

        void add(T event) {
            accept(event);
        }

        /** Waits until {@code count} events have arrived in all, at most {@code timeout}, and returns them all. */
        List<T> await(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (taken.size() < count) {
                T next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                taken.add(next);
            }
            return soFar();
        }

        List<T> soFar() {
            queue.drainTo(taken);
            return List.copyOf(taken);
        }
    }
}
