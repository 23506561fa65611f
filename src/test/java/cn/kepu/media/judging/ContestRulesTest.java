package cn.kepu.media.judging;

import static cn.kepu.media.testsupport.Contests.SUBMIT;
import static cn.kepu.media.testsupport.Contests.submission;
import static cn.kepu.media.testsupport.Contests.work;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.GraphQLWs;
import cn.kepu.media.testsupport.TestClock;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 items 6-8: when results may be published and what publication closes, the audited correction, the path
 * back for a rejected entrant, an update that changes nothing, and live updates that tell the new state to a browser
 * client authenticated in the graphql-ws {@code connection_init} payload. Deadlines move with {@link TestClock}.
 */
@QuarkusTest
class ContestRulesTest {

    static final GraphQL ORGANIZER = GraphQL.as("organizer1").acceptLanguage("en");
    static final GraphQL MODERATOR = GraphQL.as("moderator1");
    static final String RESCHEDULE = """
            mutation($id: ID!, $s: ScheduleInput!) { rescheduleContest(id: $id, schedule: $s) { open } }""";
    static final String PUBLISH = "mutation($c: ID!) { publishResults(contestId: $c) { tier work { id status } } }";
    static final String MINE = "query($c: ID!) { mySubmissions(contestId: $c) { id status previousSubmissionId"
            + " work { id status } } }";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void resultsWaitForTheDeadlineCloseTheContestAndACorrectionIsAudited() {
        String contest = contest("结果公布规则", 1);
        var entrant = entrant();
        String workId = posterWork(entrant.client(), "获奖作品");
        String entry = entrant.client().run(SUBMIT, submission(contest, "POSTER", workId)).ok().string("submitEntry.id");
        decide(entry, "ENTRY", "APPROVE");
        ORGANIZER.run("mutation($s: ID!) { assignAward(submissionId: $s, tier: FIRST_PRIZE) { id } }",
                Map.of("s", entry)).ok();
        decide(entry, "PUBLICATION", "APPROVE");

        var tooEarly = ORGANIZER.run(PUBLISH, Map.of("c", contest));
        assertThat(tooEarly.errorCode()).as("results while submissions are open").isEqualTo("CONFLICT");
        assertThat(tooEarly.errorMessage()).contains("submissions are closed");

        clock.advance(Duration.ofHours(2));
        assertThat(ORGANIZER.run(PUBLISH, Map.of("c", contest)).ok().<List<String>>data("publishResults.work.status"))
                .containsExactly("PUBLISHED");

        // Reopening the window does not reopen a contest whose results are out.
        reschedule(contest, Duration.ofHours(-1), Duration.ofHours(1));
        String late = posterWork(entrant.client(), "结果公布后的作品");
        var afterResults = entrant.client().acceptLanguage("en").run(SUBMIT, submission(contest, "POSTER", late));
        assertThat(afterResults.errorCode()).isEqualTo("CONFLICT");
        assertThat(afterResults.errorMessage()).contains("results of this contest are published");
        reschedule(contest, Duration.ofHours(-2), Duration.ofMinutes(-1));

        var noReason = ORGANIZER.run("mutation($c: ID!) { unpublishResults(contestId: $c, reason: \" \") { id } }",
                Map.of("c", contest));
        assertThat(noReason.errorCode()).isEqualTo("VALIDATION");
        var corrected = ORGANIZER.run("mutation($c: ID!) { unpublishResults(contestId: $c, reason: \"奖项更正\") {"
                + " resultsPublished } }", Map.of("c", contest)).ok();
        assertThat(corrected.<Boolean>data("unpublishResults.resultsPublished")).isFalse();
        assertThat(GraphQL.anonymous().run("query($c: ID!) { contestAwards(contestId: $c) { tier } }",
                Map.of("c", contest)).ok().<List<?>>data("contestAwards")).as("awards leave the public").isEmpty();
        assertThat(entrant.client().run(MINE, Map.of("c", contest)).ok().string("mySubmissions[0].work.status"))
                .isEqualTo("IN_MODERATION");
        assertThat(ORGANIZER.run("mutation($c: ID!) { unpublishResults(contestId: $c, reason: \"再次\") { id } }",
                Map.of("c", contest)).errorCode()).as("nothing to take back").isEqualTo("CONFLICT");

        assertThat(ORGANIZER.run(PUBLISH, Map.of("c", contest)).ok().<List<String>>data("publishResults.work.status"))
                .containsExactly("PUBLISHED");
        var log = ORGANIZER.run("query($c: ID!) { auditLog(contestId: $c) { action detail } }", Map.of("c", contest))
                .ok();
        assertThat(log.<List<String>>data("auditLog.action"))
                .containsSubsequence("RESULTS_REPUBLISHED", "RESULTS_UNPUBLISHED", "RESULTS_PUBLISHED");
        assertThat(log.<List<String>>data("auditLog.detail")).contains("奖项更正");
    }

    @Test
    void aRejectedEntrantRevisesTheWorkAndSubmitsItAgainLinkedToTheRejectedEntry() {
        String contest = contest("驳回后重新投稿", 1);
        var entrant = entrant();
        GraphQL en = entrant.client().acceptLanguage("en");
        String workId = posterWork(entrant.client(), "需要修改的作品");
        String rejected = en.run(SUBMIT, submission(contest, "POSTER", workId)).ok().string("submitEntry.id");
        MODERATOR.run("mutation($s: ID!) { moderate(input: {submissionId: $s, stage: ENTRY, decision: REJECT,"
                + " reasonCode: SCIENTIFIC_ERROR, note: \"数据有误，请修改\"}) { id } }", Map.of("s", rejected)).ok();

        var update = en.run("mutation($id: ID!) { updateSubmission(id: $id, input: {categoryCode: \"POSTER\"}) { id } }",
                Map.of("id", rejected));
        assertThat(update.errorCode()).isEqualTo("CONFLICT");
        assertThat(update.errorMessage()).as("the message names the real path")
                .contains("revise the work", "submitEntry", "linked");
        var unchanged = en.run(SUBMIT, submission(contest, "POSTER", workId));
        assertThat(unchanged.errorCode()).isEqualTo("CONFLICT");
        assertThat(unchanged.errorMessage()).contains("has not changed since it was rejected");

        clock.advance(Duration.ofSeconds(1)); // the revision is stamped after the rejection
        int version = entrant.client().run("query($id: ID!) { work(id: $id) { version } }", Map.of("id", workId)).ok()
                .<Integer>data("work.version");
        entrant.client().run("mutation($id: ID!, $v: Int!, $input: WorkInput!) { updateWork(id: $id, version: $v,"
                + " input: $input) { id } }", Map.of("id", workId, "v", version, "input", Map.of("kind", "POSTER",
                "title", "修改后的作品", "description", "已按审核意见修改", "topics", List.of("GENERAL_SCIENCE"),
                "region", "BEIJING", "creators", List.of(Map.of("name", "作者")), "licence", "CC_BY_4_0"))).ok();
        var again = en.run(SUBMIT, submission(contest, "POSTER", workId)).ok();
        String resubmitted = again.string("submitEntry.id");
        assertThat(resubmitted).isNotEqualTo(rejected);
        decide(resubmitted, "ENTRY", "APPROVE");

        var mine = entrant.client().run(MINE, Map.of("c", contest)).ok();
        assertThat(mine.<List<String>>data("mySubmissions.id")).containsExactly(resubmitted, rejected);
        assertThat(mine.<List<String>>data("mySubmissions.status")).containsExactly("ACCEPTED", "REJECTED");
        assertThat(mine.<List<String>>data("mySubmissions.previousSubmissionId")).containsExactly(rejected, null);
        assertThat(en.run(SUBMIT, submission(contest, "POSTER", posterWork(entrant.client(), "第二件"))).errorCode())
                .as("the resubmission takes the rejected entry's place under the limit of 1").isEqualTo("CONFLICT");
    }

    @Test
    void anUpdateThatChangesNothingLeavesAnAcceptedEntryInJudging() {
        String contest = contest("无变化的修改", 2);
        var entrant = entrant();
        String workId = posterWork(entrant.client(), "已通过的作品");
        String entry = entrant.client().run(SUBMIT, submission(contest, "POSTER", workId)).ok().string("submitEntry.id");
        decide(entry, "ENTRY", "APPROVE");

        for (String input : List.of("{}", "{categoryCode: \"poster\"}", "{workId: \"" + workId + "\"}")) {
            var same = entrant.client().run("mutation($id: ID!) { updateSubmission(id: $id, input: " + input + ")"
                    + " { status version } }", Map.of("id", entry)).ok();
            assertThat(same.string("updateSubmission.status")).as(input).isEqualTo("ACCEPTED");
        }
        assertThat(MODERATOR.run("query($c: ID!) { moderationQueue(contestId: $c, stage: ENTRY) { id } }",
                Map.of("c", contest)).ok().<List<?>>data("moderationQueue")).isEmpty();
    }

    @Test
    void aBrowserSubscriberAuthenticatedInConnectionInitHearsTheNewStatusWithTheWork() throws Exception {
        String contest = contest("实时状态", 2);
        String subject = "ws-entrant-" + UUID.randomUUID().toString().substring(0, 8);
        String token = GraphQL.asSubjectToken(subject, "ENTRANT");
        GraphQL entrant = GraphQL.withToken(token);
        entrant.run("mutation { register(input: {displayName: \"ws\", organizationType: RESEARCH_INSTITUTE,"
                + " region: YUNNAN}) { id } }").ok();
        String workId = posterWork(entrant, "实时状态作品");
        try (GraphQLWs ws = GraphQLWs.connect(null, Map.of(), "{\"Authorization\":\"Bearer " + token + "\"}")) {
            ws.subscribe("subscription { submissionStatusChanged { id status work { id } } }");
            String entry = entrant.run(SUBMIT, submission(contest, "POSTER", workId)).ok().string("submitEntry.id");
            var first = ws.next(Duration.ofSeconds(20));
            if (first == null) {
                // The subscription may have started after that commit: a second change is then the first heard.
                entrant.run("mutation($id: ID!) { updateSubmission(id: $id, input: {}) { id } }", Map.of("id", entry));
            }
            MODERATOR.run("mutation($s: ID!) { moderate(input: {submissionId: $s, stage: ENTRY, decision: REJECT,"
                    + " reasonCode: SCIENTIFIC_ERROR, note: \"请修改\"}) { id } }", Map.of("s", entry)).ok();
            var heard = first;
            for (int i = 0; i < 3 && (heard == null || !"REJECTED".equals(
                    heard.getString("payload.data.submissionStatusChanged.status"))); i++) {
                heard = ws.next(Duration.ofSeconds(20));
                assertThat(heard).as("a message within 20 s").isNotNull();
                assertThat(heard.getString("type")).as(heard.prettify()).isEqualTo("next");
                assertThat(heard.<Object>get("payload.errors")).as(heard.prettify()).isNull();
                assertThat(heard.getString("payload.data.submissionStatusChanged.work.id")).isEqualTo(workId);
            }
            assertThat(heard.getString("payload.data.submissionStatusChanged.id")).isEqualTo(entry);
            assertThat(heard.getString("payload.data.submissionStatusChanged.status"))
                    .as("the status after the rejection, not before").isEqualTo("REJECTED");
        }
    }

    private String contest(String title, int entryLimit) {
        return ORGANIZER.run(Contests.CREATE, Map.of("input", Contests.input(title, Duration.ofHours(1), entryLimit)))
                .ok().string("createContest.id");
    }

    private static Contests.Registered entrant() {
        return Contests.register("rules-entrant", "ENTRANT", "某科普基地", "YUNNAN");
    }

    private static String posterWork(GraphQL as, String title) {
        String id = work(as, "POSTER", title);
        TestMediaFacts.register(id, TestMediaFacts.png(3000, 4000));
        return id;
    }

    private static void decide(String submission, String stage, String decision) {
        MODERATOR.run("mutation($s: ID!, $st: ModerationStage!, $d: Decision!) { moderate(input: {submissionId: $s,"
                + " stage: $st, decision: $d, reasonCode: OK}) { id } }",
                Map.of("s", submission, "st", stage, "d", decision)).ok();
    }

    private void reschedule(String contest, Duration opensIn, Duration closesIn) {
        Instant now = clock.instant();
        ORGANIZER.run(RESCHEDULE, Map.of("id", contest, "s", Map.of(
                "submissionOpensAt", now.plus(opensIn).atOffset(ZoneOffset.UTC).toString(),
                "submissionClosesAt", now.plus(closesIn).atOffset(ZoneOffset.UTC).toString()))).ok();
    }
}
