package cn.kepu.media.judging;

import static cn.kepu.media.testsupport.Contests.SUBMIT;
import static cn.kepu.media.testsupport.Contests.submission;
import static cn.kepu.media.testsupport.Contests.work;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.Contests.Registered;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.TestClock;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Real concurrent requests against the real database: the races the issue names all end in a consistent state. */
@QuarkusTest
class RaceConditionsTest {

    @Inject
    TestClock clock;

    static final String UPDATE = """
            mutation($id: ID!) { updateSubmission(id: $id, input: {categoryCode: "POSTER"}) { updatedAt } }""";

    @Test
    void doubleSubmitOfOneWorkCreatesOneSubmission() throws Exception {
        String contest = contest(Duration.ofHours(1), 5);
        Registered entrant = Contests.register("race-entrant", "ENTRANT", "某中学", "HUNAN");
        String work = poster(entrant.client(), "双击提交");

        List<GraphQL.Response> responses = concurrently(8, i -> entrant.client().run(SUBMIT,
                submission(contest, "POSTER", work)));

        assertThat(responses).filteredOn(r -> r.errors().isEmpty()).hasSize(1);
        assertThat(responses).filteredOn(r -> !r.errors().isEmpty()).extracting(GraphQL.Response::errorCode)
                .containsOnly("CONFLICT");
        assertThat(entrant.client().run("query($c: ID!) { mySubmissions(contestId: $c) { id } }", Map.of("c", contest))
                .ok().<List<?>>data("mySubmissions")).hasSize(1);
    }

    @Test
    void concurrentSubmissionsNeverExceedTheEntryLimit() throws Exception {
        String contest = contest(Duration.ofHours(1), 2);
        Registered entrant = Contests.register("race-limit", "ENTRANT", "某小学", "HUNAN");
        List<String> works = IntStream.range(0, 6).mapToObj(i -> poster(entrant.client(), "作品" + i)).toList();

        List<GraphQL.Response> responses = concurrently(works.size(), i -> entrant.client().run(SUBMIT,
                submission(contest, "POSTER", works.get(i))));

        assertThat(responses).filteredOn(r -> r.errors().isEmpty()).hasSize(2);
        assertThat(entrant.client().run("query($c: ID!) { mySubmissions(contestId: $c) { id } }", Map.of("c", contest))
                .ok().<List<?>>data("mySubmissions")).hasSize(2);
    }

    /**
     * Edits race the submission deadline: four clients keep editing while the (test) clock passes it. Each edit is
     * decided by the server's clock at the moment it is handled: accepted ones were made before the deadline, the
     * rest are refused with CONFLICT. The clock is moved instead of waited for, so this takes milliseconds.
     */
    @Test
    void editsAtTheDeadlineAreDecidedByTheServerClock() throws Exception {
        String contest = contest(Duration.ofHours(1), 5);
        Registered entrant = Contests.register("race-deadline", "ENTRANT", "某大学", "HUNAN");
        String submission = entrant.client().run(SUBMIT, submission(contest, "POSTER", poster(entrant.client(), "最后一秒")))
                .ok().string("submitEntry.id");
        Instant closes = OffsetDateTime.parse(GraphQL.anonymous().run("query($id: ID!) { contest(id: $id) {"
                + " submissionClosesAt } }", Map.of("id", contest)).ok().string("contest.submissionClosesAt")).toInstant();

        CountDownLatch someAccepted = new CountDownLatch(4);
        AtomicBoolean passed = new AtomicBoolean();
        long wallDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<GraphQL.Response> responses = new ArrayList<>();
        try {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> mover = pool.submit(() -> {
                // Past the deadline once edits are being accepted, while the clients keep editing.
                if (someAccepted.await(20, TimeUnit.SECONDS)) {
                    clock.advance(Duration.between(clock.instant(), closes).plusMillis(1));
                    passed.set(true);
                }
                return null;
            });
            concurrently(4, i -> {
                List<GraphQL.Response> mine = new ArrayList<>();
                // Each client edits until it has been refused once after the clock passed the deadline.
                while (System.nanoTime() < wallDeadline) {
                    boolean after = passed.get();
                    GraphQL.Response r = entrant.client().run(UPDATE, Map.of("id", submission));
                    mine.add(r);
                    if (r.errors().isEmpty()) {
                        someAccepted.countDown();
                    } else if (after) {
                        break;
                    }
                }
                return mine;
            }).forEach(responses::addAll);
            mover.get();
            pool.shutdown();
        } finally {
            clock.reset();
        }

        List<GraphQL.Response> accepted = responses.stream().filter(r -> r.errors().isEmpty()).toList();
        List<GraphQL.Response> refused = responses.stream().filter(r -> !r.errors().isEmpty()).toList();
        assertThat(passed).as("the clock passed the deadline").isTrue();
        assertThat(accepted).as("edits before the deadline").hasSizeGreaterThanOrEqualTo(4);
        assertThat(refused).as("edits after the deadline").hasSizeGreaterThanOrEqualTo(4);
        assertThat(refused).extracting(GraphQL.Response::errorCode).containsOnly("CONFLICT");
        assertThat(accepted).allSatisfy(r -> assertThat(OffsetDateTime.parse(r.string("updateSubmission.updatedAt"))
                .toInstant()).isBefore(closes));
    }

    @Test
    void concurrentAutoAssignRunsAndConcurrentScoringStayConsistent() throws Exception {
        String contestId = contest(Duration.ofHours(1), 10);
        var rounds = GraphQL.anonymous().run("query($id: ID!) { contest(id: $id) { rounds { id } } }",
                Map.of("id", contestId)).ok();
        String round1 = rounds.string("contest.rounds[0].id");
        Registered entrant = Contests.register("race-auto", "ENTRANT", "某研究所", "HUNAN");
        GraphQL moderator = GraphQL.as("moderator1");
        for (int i = 0; i < 8; i++) {
            String id = entrant.client().run(SUBMIT, submission(contestId, "POSTER", poster(entrant.client(), "参赛" + i)))
                    .ok().string("submitEntry.id");
            moderator.run("mutation($s: ID!) { moderate(input: {submissionId: $s, stage: ENTRY, decision: APPROVE,"
                    + " reasonCode: OK}) { id } }", Map.of("s", id)).ok();
        }
        List<Registered> judges = IntStream.range(0, 4)
                .mapToObj(i -> Contests.register("race-judge", "JUDGE", "评审单位" + i, "GANSU")).toList();
        GraphQL organizer = GraphQL.as("organizer1");
        organizer.run("mutation($c: ID!, $j: [PanelJudgeInput!]!) { setJudgePanel(contestId: $c, judges: $j) }",
                Map.of("c", contestId, "j", judges.stream().map(j -> Map.of("judgeId", j.id())).toList())).ok();

        List<GraphQL.Response> runs = concurrently(4, i -> organizer.run(
                "mutation($r: ID!) { autoAssign(roundId: $r) { added } }", Map.of("r", round1)));

        assertThat(runs).allSatisfy(r -> assertThat(r.errors()).isEmpty());
        assertThat(runs.stream().mapToInt(r -> r.<Integer>data("autoAssign.added")).sum()).isEqualTo(8 * 3);
        Map<String, Integer> perEntry = new HashMap<>();
        Map<String, List<String>> assignmentsOf = new HashMap<>();
        for (Registered judge : judges) {
            List<Map<String, Object>> entries = judge.client().run("query($c: ID!) { myAssignments(contestId: $c) {"
                    + " assignmentId entryCode } }", Map.of("c", contestId)).ok().data("myAssignments");
            entries.forEach(e -> perEntry.merge((String) e.get("entryCode"), 1, Integer::sum));
            assignmentsOf.put(judge.id(), entries.stream().map(e -> (String) e.get("assignmentId")).toList());
        }
        assertThat(perEntry).hasSize(8).allSatisfy((code, count) -> assertThat(count).isEqualTo(3));

        // Two judges scoring at once, and one judge double-clicking: every submit is a distinct revision.
        Registered a = judges.get(0);
        Registered b = judges.get(1);
        String aAssignment = assignmentsOf.get(a.id()).get(0);
        String bAssignment = assignmentsOf.get(b.id()).get(0);
        List<Map<String, Object>> items = List.of(Map.of("criterion", "ACCURACY", "value", 7),
                Map.of("criterion", "CREATIVITY", "value", 6), Map.of("criterion", "ARTISTRY", "value", 5));
        String score = """
                mutation($a: ID!, $items: [ScoreItemInput!]!) { submitScore(assignmentId: $a, items: $items) {
                  myScore { revision } } }""";
        List<GraphQL.Response> scored = concurrently(10, i -> (i % 2 == 0 ? a : b).client().run(score,
                Map.of("a", i % 2 == 0 ? aAssignment : bAssignment, "items", items)));

        assertThat(scored).allSatisfy(r -> assertThat(r.errors()).isEmpty());
        var aRevisions = a.client().run("query($c: ID!) { myAssignments(contestId: $c) { assignmentId myScore { revision } } }",
                Map.of("c", contestId)).ok().<List<Map<String, Object>>>data("myAssignments").stream()
                .filter(e -> aAssignment.equals(e.get("assignmentId"))).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) aRevisions.get("myScore")).get("revision")).isEqualTo(5);
    }

    private static String contest(Duration openFor, int entryLimit) {
        return GraphQL.as("organizer1").run(Contests.CREATE, Map.of("input",
                Contests.input("并发测试", openFor, entryLimit))).ok().string("createContest.id");
    }

    private static String poster(GraphQL entrant, String title) {
        String id = work(entrant, "POSTER", title);
        TestMediaFacts.register(id, TestMediaFacts.png(3000, 4000));
        return id;
    }

    private static <T> List<T> concurrently(int threads, Function<Integer, T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.apply(n);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
