package cn.kepu.media.judging;

import static cn.kepu.media.testsupport.Contests.SUBMIT;
import static cn.kepu.media.testsupport.Contests.submission;
import static cn.kepu.media.testsupport.Contests.work;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.search.Searching;
import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.Contests.Registered;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.TestMediaFacts;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole contest through GraphQL: three entrants, three moderators, five judges (one with a detected conflict, one
 * with a declared one), two rounds, awards and publication, asserting what every role sees on the way.
 */
@QuarkusTest
class ContestJourneyTest {

    GraphQL ORGANIZER;
    GraphQL MODERATOR;
    GraphQL E1; // 中国科学技术大学
    GraphQL E2; // 深圳市光年科技有限公司
    GraphQL E3;

    @BeforeEach
    void signIn() {
        ORGANIZER = GraphQL.as("organizer1");
        MODERATOR = GraphQL.as("moderator1");
        E1 = GraphQL.as("entrant1");
        E2 = GraphQL.as("entrant2");
        E3 = GraphQL.as("entrant3");
    }


    static final String MY_ASSIGNMENTS = """
            query($c: ID!) { myAssignments(contestId: $c) { assignmentId entryCode roundNumber roundName categoryName
              kind title description myScore { revision total items { criterion value comment } }
              peerScores { judgeLabel total } } }""";
    static final String SCORE = """
            mutation($a: ID!, $items: [ScoreItemInput!]!) { submitScore(assignmentId: $a, items: $items) {
              entryCode myScore { revision total } peerScores { judgeLabel total } } }""";
    static final String MODERATE = """
            mutation($input: ModerateInput!) { moderate(input: $input) { id status moderation { reasonCode } } }""";
    static final String MINE = """
            query($c: ID!) { mySubmissions(contestId: $c) { id entryCode status categoryCode work { title status }
              moderation { stage decision reasonCode note } award { tier nameZh } } }""";
    static final String RESULTS = """
            query($r: ID!, $m: AggregationMethod) { roundResults(roundId: $r, method: $m) { rank score spread judgeCount
              disagreement entry { id entryCode work { title } } } }""";

    @Test
    void wholeContestFromOpenCallToPublishedAwards() {
        // --- contest -----------------------------------------------------------------------------------------
        var created = ORGANIZER.run(Contests.CREATE, Map.of("input",
                Contests.input("全流程测试征集", Duration.ofHours(2), 2))).ok();
        String contest = created.string("createContest.id");
        String round1 = created.string("createContest.rounds[0].id");
        String round2 = created.string("createContest.rounds[1].id");
        assertThat(created.<Boolean>data("createContest.open")).isTrue();
        assertThat(created.<List<String>>data("createContest.categories.code")).containsExactly("POSTER", "VIDEO");
        assertThat(created.<Integer>data("createContest.rounds[0].shortlistSize")).isEqualTo(2);
        var publicView = GraphQL.anonymous().run("query($id: ID!) { contest(id: $id) { title timeZone entryLimit"
                + " requiredDeclarations rubric { name weight } rounds { name } resultsPublished } }", Map.of("id", contest)).ok();
        assertThat(publicView.string("contest.timeZone")).isEqualTo("Asia/Shanghai");
        assertThat(publicView.<List<String>>data("contest.rubric.name")).containsExactly("科学性", "创新性", "艺术性");
        assertThat(publicView.<Boolean>data("contest.resultsPublished")).isFalse();

        // --- submissions, checked against probed media --------------------------------------------------------
        String a = work(E1, "POSTER", "Q9 量子纠缠一图读懂");
        String b = work(E1, "POSTER", "Q6 超导的秘密");
        String extra = work(E1, "POSTER", "Q5 第三件作品");
        String c = work(E2, "SHORT_VIDEO", "Q8 深海探测三分钟");
        String d = work(E3, "POSTER", "Q4 棉花的一生");
        String e = work(E3, "SHORT_VIDEO", "Q7 危险的化学实验");
        String tooLong = work(E3, "SHORT_VIDEO", "Q5 太长的视频");
        String unprobed = work(E2, "POSTER", "Q5 还没上传");
        TestMediaFacts.register(a, TestMediaFacts.png(2480, 3508));
        TestMediaFacts.register(b, TestMediaFacts.png(3000, 4000));
        TestMediaFacts.register(extra, TestMediaFacts.png(3000, 4000));
        TestMediaFacts.register(c, TestMediaFacts.mp4(1920, 1080, 175.0));
        TestMediaFacts.register(d, TestMediaFacts.png(2000, 3000));
        TestMediaFacts.register(e, TestMediaFacts.mp4(1080, 1920, 60.0));
        TestMediaFacts.register(tooLong, TestMediaFacts.mp4(1920, 1080, 200.0));

        var longVideo = E3.run(SUBMIT, submission(contest, "VIDEO", tooLong));
        assertThat(longVideo.errorCode()).isEqualTo("VALIDATION");
        assertThat(longVideo.errorField()).isEqualTo("input.workId");
        assertThat(longVideo.errorMessage()).contains("超过了 180 秒的上限");
        var noMedia = E2.run(SUBMIT, submission(contest, "POSTER", unprobed));
        assertThat(noMedia.errorCode()).isEqualTo("VALIDATION");
        assertThat(noMedia.errorMessage()).contains("还没有通过校验的媒体文件");
        var wrongCategory = E2.run(SUBMIT, submission(contest, "POSTER", c));
        assertThat(wrongCategory.errorCode()).isEqualTo("VALIDATION");
        var missingDeclaration = E1.run(SUBMIT, Map.of("input", Map.of("contestId", contest, "categoryCode", "POSTER",
                "workId", a, "declarations", List.of("ORIGINALITY"))));
        assertThat(missingDeclaration.errorField()).isEqualTo("input.declarations");

        Map<String, String> sub = new HashMap<>();
        sub.put("A", E1.run(SUBMIT, submission(contest, "POSTER", a)).ok().string("submitEntry.id"));
        sub.put("B", E1.run(SUBMIT, submission(contest, "POSTER", b)).ok().string("submitEntry.id"));
        sub.put("C", E2.run(SUBMIT, submission(contest, "VIDEO", c)).ok().string("submitEntry.id"));
        sub.put("D", E3.run(SUBMIT, submission(contest, "POSTER", d)).ok().string("submitEntry.id"));
        sub.put("E", E3.run(SUBMIT, submission(contest, "VIDEO", e)).ok().string("submitEntry.id"));
        var overLimit = E1.run(SUBMIT, submission(contest, "POSTER", extra));
        assertThat(overLimit.errorCode()).as("entry limit 2").isEqualTo("CONFLICT");
        var again = E1.run(SUBMIT, submission(contest, "POSTER", a));
        assertThat(again.errorCode()).as("double submit").isEqualTo("CONFLICT");

        var e1Mine = E1.run(MINE, Map.of("c", contest)).ok();
        assertThat(e1Mine.<List<String>>data("mySubmissions.status")).containsOnly("IN_MODERATION");
        assertThat(e1Mine.<List<String>>data("mySubmissions.work.status")).containsOnly("IN_MODERATION");
        assertThat(E1.run("query($c: ID!) { mySubmissions(contestId: $c) { score } }", Map.of("c", contest)).errorCode())
                .as("entrants have no path to scores").isNotNull().isNotIn("FORBIDDEN", "UNAUTHENTICATED");
        assertThat(GraphQL.as("judge1").run("query($id: ID!) { work(id: $id) { title } }", Map.of("id", a)).errorCode())
                .as("works in contests are not public").isEqualTo("NOT_FOUND");

        // --- moderation by three moderators -------------------------------------------------------------------
        Registered moderator2 = Contests.register("moderator2", "MODERATOR", "科技周组委会", "BEIJING");
        Registered moderator3 = Contests.register("moderator3", "MODERATOR", "科技周组委会", "SHANGHAI");
        var queue = MODERATOR.run("query($c: ID!) { moderationQueue(contestId: $c, stage: ENTRY) { id entryCode"
                + " work { title owner { displayName } } } }", Map.of("c", contest)).ok();
        assertThat(queue.<List<String>>data("moderationQueue.id")).containsExactlyInAnyOrderElementsOf(sub.values());
        assertThat(E1.run("query($c: ID!) { moderationQueue(contestId: $c, stage: ENTRY) { id } }",
                Map.of("c", contest)).errorCode()).isEqualTo("FORBIDDEN");
        approve(MODERATOR, sub.get("A"), "ENTRY");
        approve(MODERATOR, sub.get("B"), "ENTRY");
        approve(moderator2.client(), sub.get("C"), "ENTRY");
        approve(moderator2.client(), sub.get("D"), "ENTRY");
        var rejectWithoutNote = moderator3.client().run(MODERATE, Map.of("input", Map.of("submissionId", sub.get("E"),
                "stage", "ENTRY", "decision", "REJECT", "reasonCode", "UNSAFE_CONTENT")));
        assertThat(rejectWithoutNote.errorField()).isEqualTo("input.note");
        var rejected = moderator3.client().run(MODERATE, Map.of("input", Map.of("submissionId", sub.get("E"),
                "stage", "ENTRY", "decision", "REJECT", "reasonCode", "UNSAFE_CONTENT",
                "note", "实验操作存在安全隐患，未做防护"))).ok();
        assertThat(rejected.string("moderate.status")).isEqualTo("REJECTED");
        var e3Mine = E3.run(MINE, Map.of("c", contest)).ok();
        Map<String, Object> eView = byId(e3Mine.data("mySubmissions"), sub.get("E"));
        assertThat(eView.get("status")).isEqualTo("REJECTED");
        assertThat(((Map<?, ?>) eView.get("moderation")).get("reasonCode")).isEqualTo("UNSAFE_CONTENT");
        assertThat(((Map<?, ?>) eView.get("moderation")).get("note")).isEqualTo("实验操作存在安全隐患，未做防护");
        assertThat(((Map<?, ?>) eView.get("work")).get("status")).isEqualTo("REJECTED");

        // --- judges: five, one conflicted by organization, one declaring a conflict -------------------------------
        Registered judge3 = Contests.register("judge3", "JUDGE", "中国科学技术大学", "ANHUI"); // entrant1's university
        Registered judge4 = Contests.register("judge4", "JUDGE", "中国科学院力学研究所", "BEIJING");
        Registered judge5 = Contests.register("judge5", "JUDGE", "北京大学", "BEIJING");
        GraphQL judge1 = GraphQL.as("judge1");
        GraphQL judge2 = GraphQL.as("judge2");
        String judge1Id = judge1.run("{ me { id } }").ok().string("me.id");
        String judge2Id = judge2.run("{ me { id } }").ok().string("me.id");
        Map<String, GraphQL> judges = Map.of(judge1Id, judge1, judge2Id, judge2, judge3.id(), judge3.client(),
                judge4.id(), judge4.client(), judge5.id(), judge5.client());
        ORGANIZER.run("mutation($c: ID!, $j: [PanelJudgeInput!]!) { setJudgePanel(contestId: $c, judges: $j) }",
                Map.of("c", contest, "j", judges.keySet().stream().map(id -> Map.of("judgeId", id)).toList())).ok();
        assertThat(judge4.client().run("mutation($c: ID!) { declareConflict(contestId: $c,"
                + " organization: \"深圳市光年科技有限公司\", note: \"曾为该公司顾问\") }", Map.of("c", contest)).ok()
                .<Integer>data("declareConflict")).isZero();

        var manual = ORGANIZER.run("mutation($r: ID!, $s: ID!, $j: ID!) { assignJudge(roundId: $r, submissionId: $s,"
                + " judgeId: $j) { id } }", Map.of("r", round1, "s", sub.get("A"), "j", judge3.id()));
        assertThat(manual.errorCode()).as("detected conflict refused").isEqualTo("CONFLICT");
        var auto = ORGANIZER.run("mutation($r: ID!) { autoAssign(roundId: $r) { added understaffedSubmissionIds"
                + " minLoad maxLoad } }", Map.of("r", round1)).ok();
        assertThat(auto.<Integer>data("autoAssign.added")).isEqualTo(12);
        assertThat(auto.<List<?>>data("autoAssign.understaffedSubmissionIds")).isEmpty();
        assertThat(auto.<Integer>data("autoAssign.maxLoad") - auto.<Integer>data("autoAssign.minLoad")).isLessThanOrEqualTo(1);
        var rerun = ORGANIZER.run("mutation($r: ID!) { autoAssign(roundId: $r) { added } }", Map.of("r", round1)).ok();
        assertThat(rerun.<Integer>data("autoAssign.added")).isZero();

        Map<String, String> codeOf = new HashMap<>();
        queue.<List<Map<String, Object>>>data("moderationQueue").forEach(s ->
                codeOf.put((String) s.get("id"), (String) s.get("entryCode")));
        String codeA = codeOf.get(sub.get("A"));
        String codeB = codeOf.get(sub.get("B"));
        String codeC = codeOf.get(sub.get("C"));
        Set<String> judge3Codes = codes(judge3.client(), contest);
        assertThat(judge3Codes).doesNotContain(codeA, codeB);
        assertThat(codes(judge4.client(), contest)).doesNotContain(codeC);
        assertThat(codes(judge1, contest)).doesNotContain(codeOf.get(sub.get("E")));

        // Blind: the judge sees content and a code, and the schema offers nothing else.
        var j1View = judge1.run(MY_ASSIGNMENTS, Map.of("c", contest)).ok();
        Map<String, Object> first = j1View.<List<Map<String, Object>>>data("myAssignments").get(0);
        assertThat(first.get("entryCode").toString()).startsWith("E-");
        assertThat(first.get("roundName")).isEqualTo("初评");
        assertThat(first.get("myScore")).isNull();
        assertThat((List<?>) first.get("peerScores")).isEmpty();
        assertThat(judge1.run("query($c: ID!) { myAssignments(contestId: $c) { owner { displayName } } }",
                Map.of("c", contest)).errorCode()).isEqualTo("INVALID_QUERY");
        assertThat(judge1.run("query($r: ID!) { roundResults(roundId: $r) { rank } }", Map.of("r", round1)).errorCode())
                .isEqualTo("FORBIDDEN");

        // --- round 1 scoring ---------------------------------------------------------------------------------
        scoreAll(judges, contest, 1);
        var revised = judge1.run(SCORE, Map.of("a", first.get("assignmentId"), "items", items(1, 1))).ok();
        assertThat(revised.<Integer>data("submitScore.myScore.revision")).isEqualTo(2);
        assertThat(revised.<List<?>>data("submitScore.peerScores")).as("others' scores after one's own").hasSize(2);
        assertThat(revised.<List<String>>data("submitScore.peerScores.judgeLabel")).containsExactly("评委 A", "评委 B");
        // Decimal scores travel as JSON numbers (GraphQL BigDecimal), not strings: clients compute with them.
        assertThat(revised.<Object>data("submitScore.myScore.total")).isInstanceOf(Number.class);
        judge1.run(SCORE, Map.of("a", first.get("assignmentId"), "items",
                items(quality((String) first.get("title")), 0))).ok();
        // The judge's own revision history, newest first; the latest is the one myScore shows.
        var history = judge1.run("query($c: ID!) { myAssignments(contestId: $c) { assignmentId myScore { revision }"
                + " myScoreHistory { revision total submittedAt items { criterion } } } }", Map.of("c", contest)).ok();
        Map<String, Object> revisedEntry = history.<List<Map<String, Object>>>data("myAssignments").stream()
                .filter(x -> x.get("assignmentId").equals(first.get("assignmentId"))).findFirst().orElseThrow();
        List<Map<String, Object>> revisions = (List<Map<String, Object>>) revisedEntry.get("myScoreHistory");
        assertThat(revisions.stream().map(r -> r.get("revision")).toList()).containsExactly(3, 2, 1);
        assertThat(revisions.stream().map(r -> (String) r.get("submittedAt")).toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(((Map<?, ?>) revisedEntry.get("myScore")).get("revision")).isEqualTo(3);
        assertThat(history.<List<List<Object>>>data("myAssignments.myScoreHistory"))
                .as("every entry judge1 scored in round 1 has a history").allSatisfy(h -> assertThat(h).isNotEmpty());
        var progress = judge5.client().run("query($c: ID!) { myJudgingProgress(contestId: $c) { assigned scored remaining } }",
                Map.of("c", contest)).ok();
        assertThat(progress.<Integer>data("myJudgingProgress.remaining")).isZero();
        assertThat(progress.<Integer>data("myJudgingProgress.scored"))
                .isEqualTo(progress.<Integer>data("myJudgingProgress.assigned")).isPositive();

        for (String method : List.of("WEIGHTED_MEAN", "MEDIAN")) {
            var results = ORGANIZER.run(RESULTS, Map.of("r", round1, "m", method)).ok();
            assertThat(results.<List<String>>data("roundResults.entry.entryCode")).as(method)
                    .containsExactly(codeA, codeC, codeB, codeOf.get(sub.get("D")));
            assertThat(results.<List<Integer>>data("roundResults.judgeCount")).containsOnly(3);
            assertThat(results.<List<Boolean>>data("roundResults.disagreement")).containsOnly(false);
        }
        // Z-scores compare each judge's entries with each other, so only the clear winner is certain here.
        assertThat(ORGANIZER.run(RESULTS, Map.of("r", round1, "m", "Z_SCORE")).ok()
                .string("roundResults[0].entry.entryCode")).isEqualTo(codeA);
        var shortlist = ORGANIZER.run("mutation($r: ID!) { shortlist(roundId: $r, method: MEDIAN) { entry { entryCode } } }",
                Map.of("r", round1)).ok();
        assertThat(shortlist.<List<String>>data("shortlist.entry.entryCode")).containsExactly(codeA, codeC);
        assertThat(ORGANIZER.run("mutation($r: ID!) { shortlist(roundId: $r) { rank } }", Map.of("r", round1))
                .errorCode()).as("shortlist once").isEqualTo("CONFLICT");

        // --- round 2 -------------------------------------------------------------------------------------------
        var auto2 = ORGANIZER.run("mutation($r: ID!) { autoAssign(roundId: $r) { added maxLoad minLoad } }",
                Map.of("r", round2)).ok();
        assertThat(auto2.<Integer>data("autoAssign.added")).isEqualTo(4);
        scoreAll(judges, contest, 2);
        var final2 = ORGANIZER.run(RESULTS, Map.of("r", round2, "m", "Z_SCORE")).ok();
        assertThat(final2.<List<String>>data("roundResults.entry.entryCode")).containsExactly(codeA, codeC);

        // --- awards, publication review and publication ---------------------------------------------------------
        award(sub.get("A"), "FIRST_PRIZE");
        award(sub.get("C"), "SECOND_PRIZE");
        award(sub.get("B"), "EXCELLENCE");
        assertThat(ORGANIZER.run("mutation($s: ID!) { assignAward(submissionId: $s, tier: THIRD_PRIZE) { id } }",
                Map.of("s", sub.get("E"))).errorCode()).as("rejected works are never awarded").isEqualTo("CONFLICT");
        assertThat(E1.run(MINE, Map.of("c", contest)).ok().<List<Object>>data("mySubmissions.award"))
                .as("no award shown before publication").containsOnlyNulls();
        var tooEarly = ORGANIZER.acceptLanguage("en").run("mutation($c: ID!) { publishResults(contestId: $c) { tier } }",
                Map.of("c", contest));
        assertThat(tooEarly.errorCode()).as("no results while submissions are open").isEqualTo("CONFLICT");
        assertThat(tooEarly.errorMessage()).contains("submissions are closed");
        // The deadline passes (moved, not waited for; the clock stays real, as search compares publication times).
        OffsetDateTime closed = OffsetDateTime.now(ZoneOffset.UTC);
        ORGANIZER.run("mutation($id: ID!, $s: ContestScheduleInput!) { rescheduleContest(id: $id, schedule: $s) { open } }",
                Map.of("id", contest, "s", Map.of("submissionOpensAt", closed.minusDays(1).toString(),
                        "submissionClosesAt", closed.minusSeconds(1).toString()))).ok();
        var early = ORGANIZER.run("mutation($c: ID!) { publishResults(contestId: $c) { tier } }", Map.of("c", contest));
        assertThat(early.errorCode()).isEqualTo("CONFLICT");
        assertThat(early.errorMessage()).contains("发布审核");
        var pubQueue = MODERATOR.run("query($c: ID!) { moderationQueue(contestId: $c, stage: PUBLICATION) { id } }",
                Map.of("c", contest)).ok();
        assertThat(pubQueue.<List<String>>data("moderationQueue.id"))
                .containsExactlyInAnyOrder(sub.get("A"), sub.get("B"), sub.get("C"));
        approve(MODERATOR, sub.get("A"), "PUBLICATION");
        approve(moderator2.client(), sub.get("B"), "PUBLICATION");
        approve(moderator3.client(), sub.get("C"), "PUBLICATION");

        var published = ORGANIZER.run("mutation($c: ID!) { publishResults(contestId: $c) { tier tierName work { title status } } }",
                Map.of("c", contest)).ok();
        assertThat(published.<List<String>>data("publishResults.tier"))
                .containsExactly("FIRST_PRIZE", "SECOND_PRIZE", "EXCELLENCE");

        // Public and media see tiers and works, never scores or ranks; anonymous callers never see owners.
        for (GraphQL viewer : List.of(GraphQL.anonymous(), GraphQL.as("media1"))) {
            var awards = viewer.run("query($c: ID!) { contestAwards(contestId: $c) { tier tierName work { id title status"
                    + " owner { displayName } } } }", Map.of("c", contest)).ok();
            assertThat(awards.<List<String>>data("contestAwards.tierName")).containsExactly("一等奖", "二等奖", "优秀奖");
            assertThat(awards.<List<String>>data("contestAwards.work.status")).containsOnly("PUBLISHED");
            assertThat(awards.<List<Object>>data("contestAwards.work.owner")).containsOnlyNulls();
            assertThat(viewer.run("query($r: ID!) { roundResults(roundId: $r) { rank } }", Map.of("r", round1))
                    .errorCode()).isIn("FORBIDDEN", "UNAUTHENTICATED");
        }
        // Awarded works reach media outlets' search with their contest and tier (through the search outbox).
        assertThat(Searching.awaitFiltered(GraphQL.as("media1"), Map.of("contestIds", List.of(contest), "awardTiers", List.of("FIRST_PRIZE")),
                ids -> ids.contains(a))).containsExactly(a);
        assertThat(Searching.awaitFiltered(GraphQL.as("media1"), Map.of("contestIds", List.of(contest)), ids -> ids.size() >= 3))
                .as("only published works are searchable: the rejected and returned ones stay out").hasSize(3);
        assertThat(GraphQL.anonymous().run("query($id: ID!) { work(id: $id) { title } }", Map.of("id", a)).ok()
                .string("work.title")).isEqualTo("Q9 量子纠缠一图读懂");
        assertThat(GraphQL.anonymous().run("query($id: ID!) { work(id: $id) { title } }", Map.of("id", e)).errorCode())
                .as("the rejected work stays private").isEqualTo("NOT_FOUND");

        var e1After = E1.run(MINE, Map.of("c", contest)).ok();
        assertThat(byId(e1After.data("mySubmissions"), sub.get("A")).get("award"))
                .isEqualTo(Map.of("tier", "FIRST_PRIZE", "nameZh", "一等奖"));
        var e3After = E3.run(MINE, Map.of("c", contest)).ok();
        assertThat(((Map<?, ?>) byId(e3After.data("mySubmissions"), sub.get("D")).get("work")).get("status"))
                .as("unawarded works return to their owner").isEqualTo("DRAFT");
        assertThat(byId(e3After.data("mySubmissions"), sub.get("D")).get("award")).isNull();

        // --- audit -------------------------------------------------------------------------------------------
        var log = ORGANIZER.run("query($c: ID!) { auditLog(contestId: $c, first: 500) { seq actor action entityType } }",
                Map.of("c", contest)).ok();
        List<String> actions = log.data("auditLog.action");
        assertThat(actions).contains("CONTEST_CREATED", "SUBMITTED", "MODERATED_ENTRY_APPROVE", "MODERATED_ENTRY_REJECT",
                "CONFLICT_DECLARED", "ASSIGNED_AUTO", "SCORED", "SHORTLISTED", "AWARDED", "MODERATED_PUBLICATION_APPROVE",
                "RESULTS_PUBLISHED");
        assertThat(actions.stream().filter("SCORED"::equals).count()).isEqualTo(12 + 2 + 4);
        assertThat(actions.get(0)).isEqualTo("RESULTS_PUBLISHED");
        assertThat(E1.run("query($c: ID!) { auditLog(contestId: $c) { seq } }", Map.of("c", contest)).errorCode())
                .isEqualTo("FORBIDDEN");
    }

    private void approve(GraphQL moderator, String submission, String stage) {
        var response = moderator.run(MODERATE, Map.of("input", Map.of("submissionId", submission, "stage", stage,
                "decision", "APPROVE", "reasonCode", "OK"))).ok();
        assertThat(response.string("moderate.status")).isEqualTo("ACCEPTED");
    }

    private void award(String submission, String tier) {
        ORGANIZER.run("mutation($s: ID!, $t: AwardTier) { assignAward(submissionId: $s, tier: $t) { award { tier } } }",
                Map.of("s", submission, "t", tier)).ok();
    }

    /** Every judge scores every assignment of the round by the quality marked in the title, with a personal offset. */
    private static void scoreAll(Map<String, GraphQL> judges, String contest, int round) {
        int offset = 0;
        for (GraphQL judge : judges.values()) {
            List<Map<String, Object>> entries = judge.run(MY_ASSIGNMENTS, Map.of("c", contest)).ok().data("myAssignments");
            for (Map<String, Object> entry : entries) {
                if ((Integer) entry.get("roundNumber") == round) {
                    judge.run(SCORE, Map.of("a", entry.get("assignmentId"), "items",
                            items(quality((String) entry.get("title")), offset % 2))).ok();
                }
            }
            offset++;
        }
    }

    private static int quality(String title) {
        return Character.getNumericValue(title.charAt(1));
    }

    private static List<Map<String, Object>> items(int quality, int offset) {
        return List.of(
                Map.of("criterion", "ACCURACY", "value", quality, "comment", "科学表述准确"),
                Map.of("criterion", "CREATIVITY", "value", Math.max(0, quality - offset), "comment", ""),
                Map.of("criterion", "ARTISTRY", "value", quality));
    }

    private static Set<String> codes(GraphQL judge, String contest) {
        List<String> codes = judge.run(MY_ASSIGNMENTS, Map.of("c", contest)).ok().data("myAssignments.entryCode");
        return codes.stream().collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> byId(List<Map<String, Object>> list, String id) {
        return list.stream().filter(m -> id.equals(m.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in " + list));
    }
}
