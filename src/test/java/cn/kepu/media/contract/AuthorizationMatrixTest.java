package cn.kepu.media.contract;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.GraphQLWs;
import io.quarkus.test.junit.QuarkusTest;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every GraphQL operation, called as every role and anonymously, is either allowed or denied as this table says.
 * "Denied" means the response carries UNAUTHENTICATED or FORBIDDEN; "allowed" means the call <b>succeeds without any
 * error</b>, on a real object made for it (a fresh contest, submission, upload session…), so an INTERNAL or any
 * other failure of an allowed caller fails the cell. The few cells whose success needs a whole workflow (a completed
 * upload, an assignment) name the one business outcome they expect instead ({@link Case#expected}), never a denial
 * and never INTERNAL. An operation in the schema but not in the table fails {@link #everyOperationIsInTheMatrix()}:
 * adding an operation means deciding who may call it, and giving allowed callers a fixture they succeed on.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    enum As {
        ANONYMOUS(null), ENTRANT("entrant1"), JUDGE("judge1"), MODERATOR("moderator1"), ORGANIZER("organizer1"),
        MEDIA("media1");

        final String login;

        As(String login) {
            this.login = login;
        }

        GraphQL client() {
            return login == null ? GraphQL.anonymous() : GraphQL.as(login);
        }
    }

    static final Set<As> EVERYONE = EnumSet.allOf(As.class);
    static final Set<As> SIGNED_IN = EnumSet.complementOf(EnumSet.of(As.ANONYMOUS));

    /** A demo work that is published (visible to all) and a draft owned by entrant1. */
    static final String PUBLISHED_WORK = "{ works(first: 1) { edges { node { id } } } }";

    /** An id nothing has: operations that pass their authorization check answer NOT_FOUND. */
    static final String UNKNOWN_ID = "00000000-0000-0000-0000-00000000beef";

    /**
     * One operation: its document, fresh variables per call, who may call it, and what an allowed call gives: null for
     * success without errors, else the one error code the fixture is known to produce (see the class comment).
     * {@code freshCaller}: allowed callers call as a new, unregistered subject with their role (for {@code register}).
     */
    record Case(String document, java.util.function.Function<As, Map<String, Object>> variables, Set<As> allowed,
            String expected, boolean freshCaller) {
        Case(String document, Supplier<Map<String, Object>> variables, Set<As> allowed) {
            this(document, as -> variables.get(), allowed, null, false);
        }

        /** Variables made for the calling role (e.g. an object of the caller's own). */
        static Case perRole(String document, java.util.function.Function<As, Map<String, Object>> variables,
                Set<As> allowed) {
            return new Case(document, variables, allowed, null, false);
        }

        Case expecting(String code) {
            return new Case(document, variables, allowed, code, freshCaller);
        }

        Case asFreshCaller() {
            return new Case(document, variables, allowed, expected, true);
        }
    }

    static final Map<String, Case> MATRIX = new LinkedHashMap<>();

    static {
        // identity
        MATRIX.put("me", new Case("{ me { id } }", Map::of, EVERYONE));
        MATRIX.put("myRoles", new Case("{ myRoles }", Map::of, EVERYONE));
        MATRIX.put("register", new Case("""
                mutation { register(input: {displayName: "x", organizationType: INDIVIDUAL, region: BEIJING}) { id } }""",
                Map::of, SIGNED_IN).asFreshCaller());
        // works
        MATRIX.put("updateMyAccount", new Case("mutation { updateMyAccount(input: {}) { id } }", Map::of,
                SIGNED_IN));
        MATRIX.put("grantRole", new Case("mutation($id: ID!) { grantRole(accountId: $id, role: JUDGE) { id } }",
                () -> Map.of("id", freshAccount()), EnumSet.of(As.ORGANIZER)));
        MATRIX.put("revokeRole", new Case("mutation($id: ID!) { revokeRole(accountId: $id, role: JUDGE) { id } }",
                AuthorizationMatrixTest::accountGrantedJudge, EnumSet.of(As.ORGANIZER)));
        MATRIX.put("roleGrantLog", new Case("{ roleGrantLog(first: 5) { seq } }", Map::of, EnumSet.of(As.ORGANIZER)));
        MATRIX.put("accounts", new Case("{ accounts(role: JUDGE, first: 5) { edges { node { id email } } } }",
                Map::of, EnumSet.of(As.ORGANIZER)));
        // notifications
        MATRIX.put("myNotificationPreferences", new Case("{ myNotificationPreferences { kind enabled } }", Map::of,
                SIGNED_IN));
        MATRIX.put("setNotificationPreference", new Case(
                "mutation { setNotificationPreference(kind: RESULTS_PUBLISHED, enabled: true) { kind } }", Map::of,
                SIGNED_IN));
        MATRIX.put("work", new Case("query($id: ID!) { work(id: $id) { id } }",
                () -> Map.of("id", publishedWorkId()), EVERYONE));
        MATRIX.put("works", new Case("{ works(first: 5) { totalCount } }", Map::of, EVERYONE));
        MATRIX.put("topics", new Case("{ topics { code } }", Map::of, EVERYONE));
        MATRIX.put("licences", new Case("{ licences { code } }", Map::of, EVERYONE));
        MATRIX.put("createWork", new Case("""
                mutation { createWork(input: {kind: POSTER, title: "权限矩阵", topics: ["GENERAL_SCIENCE"], region: BEIJING,
                  creators: [{name: "测试"}], licence: CC_BY_4_0}) { id } }""", Map::of,
                EnumSet.of(As.ENTRANT, As.ORGANIZER)));
        MATRIX.put("updateWork", new Case("""
                mutation($id: ID!, $version: Int!) { updateWork(id: $id, version: $version, input: {kind: POSTER,
                  title: "权限矩阵", topics: ["GENERAL_SCIENCE"], region: BEIJING, creators: [{name: "测试"}],
                  licence: CC_BY_4_0}) { id } }""", AuthorizationMatrixTest::entrantDraft, EnumSet.of(As.ENTRANT)));
        // contests
        MATRIX.put("contests", new Case("{ contests { id } }", Map::of, EVERYONE));
        MATRIX.put("contest", new Case("query($id: ID!) { contest(id: $id) { id } }",
                () -> Map.of("id", GraphQL.anonymous().run("{ contests { id } }").ok().string("contests[0].id")),
                EVERYONE));
        // media
        MATRIX.put("startUpload", new Case("""
                mutation($id: ID!) { startUpload(input: {workId: $id, fileName: "a.jpg", declaredType: "image/jpeg",
                  sizeBytes: 1000, sha256: "%s"}) { id } }""".formatted("0".repeat(64)),
                AuthorizationMatrixTest::entrantDraft, EnumSet.of(As.ENTRANT)));
        // Entrants and organizers upload to their own works; anyone else's session is FORBIDDEN to them.
        MATRIX.put("uploadSession", Case.perRole("query($id: ID!) { uploadSession(id: $id) { id } }",
                AuthorizationMatrixTest::uploadSessionFor, EnumSet.of(As.ENTRANT, As.ORGANIZER)));
        // Completing needs the bytes in the store: with none uploaded the allowed outcome is a typed refusal.
        MATRIX.put("completeUpload", Case.perRole("mutation($id: ID!) { completeUpload(id: $id) { id } }",
                AuthorizationMatrixTest::uploadSessionFor, EnumSet.of(As.ENTRANT, As.ORGANIZER))
                .expecting("CONFLICT"));
        // Only the owner watches an upload's verification: other roles are refused before the session is looked at.
        MATRIX.put("uploadSessionChanged", Case.perRole(
                "subscription($id: ID!) { uploadSessionChanged(uploadId: $id) { id status } }",
                AuthorizationMatrixTest::uploadSessionFor, EnumSet.of(As.ENTRANT, As.ORGANIZER)));
        // Renditions follow the work's visibility; an unknown asset is NOT_FOUND for everyone, never a denial.
        MATRIX.put("downloadUrl", new Case("mutation($id: ID!) { downloadUrl(assetId: $id) { url } }",
                () -> Map.of("id", UNKNOWN_ID), EVERYONE).expecting("NOT_FOUND"));
        MATRIX.put("downloadLog", new Case("{ downloadLog { id } }", Map::of, EnumSet.of(As.ORGANIZER)));
        // An outlet's own download history (issue 12).
        MATRIX.put("myDownloads", new Case("{ myDownloads(first: 5) { totalCount edges { node { id work { id } } } } }",
                Map::of, EnumSet.of(As.MEDIA)));
        // Bulk downloads are for outlets; an unknown work is NOT_FOUND to them, after the role check.
        MATRIX.put("bulkDownload", new Case("""
                mutation($input: BulkDownloadInput!) { bulkDownload(input: $input) { url } }""",
                () -> Map.of("input", Map.of("workIds", List.of(UNKNOWN_ID), "acceptLicences", List.of("CC_BY_4_0"))),
                EnumSet.of(As.MEDIA)).expecting("NOT_FOUND"));
        // search: outlets' saved searches
        MATRIX.put("mySavedSearches", new Case("{ mySavedSearches { id } }", Map::of, EnumSet.of(As.MEDIA)));
        MATRIX.put("saveSearch", new Case("""
                mutation { saveSearch(input: {name: "权限矩阵", query: "量子", filter: {hasFiles: true}}) { id } }""",
                Map::of, EnumSet.of(As.MEDIA)));
        MATRIX.put("deleteSavedSearch", new Case("mutation($id: ID!) { deleteSavedSearch(id: $id) }",
                () -> Map.of("id", UNKNOWN_ID), EnumSet.of(As.MEDIA)).expecting("NOT_FOUND"));
        MATRIX.put("mediaConsistency", new Case("{ mediaConsistency { objectsWithoutRow } }", Map::of,
                EnumSet.of(As.ORGANIZER)));
        // search
        MATRIX.put("searchWorks", new Case("{ searchWorks(query: \"量子\", first: 3) { totalCount } }", Map::of, EVERYONE));
        MATRIX.put("suggest", new Case("{ suggest(prefix: \"量子\") { text } }", Map::of, EVERYONE));
        MATRIX.put("relatedWorks", new Case("query($id: ID!) { relatedWorks(id: $id) { id } }",
                () -> Map.of("id", publishedWorkId()), EVERYONE));
        MATRIX.put("searchDrift", new Case("{ searchDrift { inSync } }", Map::of, EnumSet.of(As.ORGANIZER)));
        MATRIX.put("reindexWorks", new Case("mutation { reindexWorks { documents } }", Map::of,
                EnumSet.of(As.ORGANIZER)));
        // collections
        // brands and series (works)
        MATRIX.put("brand", new Case("query($id: ID!) { brand(id: $id) { id name publishedWorkCount } }",
                () -> Map.of("id", newBrand()), EVERYONE));
        MATRIX.put("brands", new Case("{ brands(first: 5) { edges { node { id } } } }", Map::of, EVERYONE));
        MATRIX.put("createBrand", new Case("""
                mutation { createBrand(input: {name: "矩阵品牌", ownerOrganization: "中国科普研究所",
                  kind: VIDEO_CHANNEL}) { id } }""", Map::of, EnumSet.of(As.ORGANIZER)));
        // Managers of the brand may update it too (BrandsTest); this fresh brand has none.
        MATRIX.put("updateBrand", new Case("""
                mutation($id: ID!) { updateBrand(id: $id, version: 0, input: {name: "矩阵品牌二",
                  ownerOrganization: "中国科普研究所", kind: COLUMN}) { id } }""",
                () -> Map.of("id", newBrand()), EnumSet.of(As.ORGANIZER)));
        MATRIX.put("collections", new Case("{ collections { id } }", Map::of, EVERYONE));
        MATRIX.put("collection", new Case("query($id: ID!) { collection(id: $id) { id works { id } } }",
                () -> Map.of("id", newCollection()), EVERYONE));
        MATRIX.put("createCollection", new Case("""
                mutation($w: ID!) { createCollection(input: {title: "矩阵专题", workIds: [$w]}) { id } }""",
                () -> Map.of("w", publishedWorkId()), EnumSet.of(As.ORGANIZER)));
        MATRIX.put("updateCollection", new Case("""
                mutation($id: ID!) { updateCollection(id: $id, version: 0, input: {title: "矩阵专题二", workIds: []}) { id } }""",
                () -> Map.of("id", newCollection()), EnumSet.of(As.ORGANIZER)));
        MATRIX.put("deleteCollection", new Case("mutation($id: ID!) { deleteCollection(id: $id) }",
                () -> Map.of("id", newCollection()), EnumSet.of(As.ORGANIZER)));
        // judging (contests, submissions, moderation, judging, awards, audit)
        Set<As> organizer = EnumSet.of(As.ORGANIZER);
        Set<As> entrant = EnumSet.of(As.ENTRANT);
        Set<As> judge = EnumSet.of(As.JUDGE);
        Set<As> moderator = EnumSet.of(As.MODERATOR);
        MATRIX.put("createContest", new Case("""
                mutation { createContest(input: {year: 2025, title: "矩阵", theme: "矩阵",
                  schedule: {submissionOpensAt: "2025-03-01T00:00:00+08:00", submissionClosesAt: "2025-04-30T23:59:59+08:00"},
                  categories: [{code: "POSTER", name: "海报", acceptedKinds: [POSTER]}],
                  rubric: [{code: "ACCURACY", name: "科学性", weight: 1, scaleMax: 10}],
                  rounds: [{name: "初评", judgesPerEntry: 1}]}) { id } }""", Map::of, organizer));
        MATRIX.put("rescheduleContest", new Case("""
                mutation($id: ID!, $opens: DateTime!, $closes: DateTime!) { rescheduleContest(id: $id,
                  schedule: {submissionOpensAt: $opens, submissionClosesAt: $closes}) { id } }""",
                AuthorizationMatrixTest::contestWithSchedule, organizer));
        MATRIX.put("submitEntry", new Case("""
                mutation($c: ID!, $w: ID!) { submitEntry(input: {contestId: $c, categoryCode: "POSTER", workId: $w,
                  declarations: [ORIGINALITY, CONSENT_OF_PEOPLE_SHOWN, MEDIA_LICENCE_GRANT]}) { id } }""",
                AuthorizationMatrixTest::contestAndEntrantPoster, entrant));
        MATRIX.put("updateSubmission", new Case("""
                mutation($id: ID!) { updateSubmission(id: $id, input: {categoryCode: "POSTER"}) { id } }""",
                AuthorizationMatrixTest::entrantSubmission, entrant));
        MATRIX.put("withdrawSubmission", new Case("mutation($id: ID!) { withdrawSubmission(id: $id) { id } }",
                AuthorizationMatrixTest::entrantSubmission, entrant));
        MATRIX.put("mySubmissions", new Case("{ mySubmissions { id } }", Map::of, entrant));
        MATRIX.put("moderationQueue", new Case("query($id: ID!) { moderationQueue(contestId: $id, stage: ENTRY) { id } }",
                AuthorizationMatrixTest::contest, moderator));
        MATRIX.put("moderationInbox", new Case("{ moderationInbox(first: 5) { edges { node { stage } } } }",
                Map::of, moderator));
        MATRIX.put("moderate", new Case("""
                mutation($id: ID!) { moderate(input: {submissionId: $id, stage: ENTRY, decision: APPROVE, reasonCode: OK})
                  { id } }""", AuthorizationMatrixTest::entrantSubmission, moderator));
        // publishing (issue 11 item 1): the role check comes before the lookup, so an unknown id is the allowed outcome
        MATRIX.put("requestPublication", new Case("mutation($id: ID!) { requestPublication(input: {workId: $id}) { id } }",
                AuthorizationMatrixTest::unknownId, EnumSet.of(As.ENTRANT, As.ORGANIZER)).expecting("NOT_FOUND"));
        MATRIX.put("cancelPublicationRequest", new Case("mutation($id: ID!) { cancelPublicationRequest(id: $id) { id } }",
                AuthorizationMatrixTest::unknownId, EnumSet.of(As.ENTRANT, As.ORGANIZER)).expecting("NOT_FOUND"));
        MATRIX.put("moderatePublication", new Case("""
                mutation($id: ID!) { moderatePublication(input: {requestId: $id, decision: APPROVE, reasonCode: OK})
                  { id } }""", AuthorizationMatrixTest::unknownId, moderator).expecting("NOT_FOUND"));
        MATRIX.put("unpublishWork", new Case("mutation($id: ID!) { unpublishWork(id: $id, reason: \"权利投诉\") { id } }",
                AuthorizationMatrixTest::unknownId, organizer).expecting("NOT_FOUND"));
        MATRIX.put("republishWork", new Case("mutation($id: ID!) { republishWork(id: $id) { id } }",
                AuthorizationMatrixTest::unknownId, organizer).expecting("NOT_FOUND"));
        MATRIX.put("publicationRequests", new Case("query($id: ID!) { publicationRequests(workId: $id) { id } }",
                () -> Map.of("id", entrantDraft().get("id")), EnumSet.of(As.ENTRANT, As.MODERATOR, As.ORGANIZER)));
        MATRIX.put("brandLog", new Case("query($id: ID!) { brandLog(brandId: $id) { seq action } }",
                () -> Map.of("id", newBrand()), organizer));
        MATRIX.put("publicationLog", new Case("query($id: ID!) { publicationLog(workId: $id) { seq } }",
                AuthorizationMatrixTest::unknownId, organizer));
        MATRIX.put("setJudgePanel", new Case("mutation($id: ID!) { setJudgePanel(contestId: $id, judges: []) }",
                AuthorizationMatrixTest::contest, organizer));
        // Assigning needs an approved entry and a judge on the panel; an unknown round is the allowed outcome here.
        MATRIX.put("assignJudge", new Case("""
                mutation($id: ID!) { assignJudge(roundId: $id, submissionId: $id, judgeId: $id) { id } }""",
                AuthorizationMatrixTest::unknownId, organizer).expecting("NOT_FOUND"));
        MATRIX.put("autoAssign", new Case("mutation($id: ID!) { autoAssign(roundId: $id) { added } }",
                AuthorizationMatrixTest::roundWithPanel, organizer));
        MATRIX.put("roundResults", new Case("query($id: ID!) { roundResults(roundId: $id) { rank } }",
                AuthorizationMatrixTest::round, organizer));
        MATRIX.put("shortlist", new Case("mutation($id: ID!) { shortlist(roundId: $id) { rank } }",
                AuthorizationMatrixTest::round, organizer));
        // Awards go to entries that passed judging; publication needs the windows closed (contest rules).
        MATRIX.put("assignAward", new Case("mutation($id: ID!) { assignAward(submissionId: $id, tier: FIRST_PRIZE) { id } }",
                AuthorizationMatrixTest::unknownId, organizer).expecting("NOT_FOUND"));
        MATRIX.put("publishResults", new Case("mutation($id: ID!) { publishResults(contestId: $id) { tier } }",
                AuthorizationMatrixTest::unknownId, organizer).expecting("NOT_FOUND"));
        MATRIX.put("unpublishResults", new Case("""
                mutation($id: ID!) { unpublishResults(contestId: $id, reason: "更正") { id } }""",
                AuthorizationMatrixTest::unknownId, organizer).expecting("NOT_FOUND"));
        MATRIX.put("contestAwards", new Case("query($id: ID!) { contestAwards(contestId: $id) { tier } }",
                () -> Map.of("id", GraphQL.anonymous().run("{ contests { id } }").ok().string("contests[0].id")),
                EVERYONE));
        MATRIX.put("auditLog", new Case("query($id: ID!) { auditLog(contestId: $id) { seq } }",
                AuthorizationMatrixTest::contest, organizer));
        MATRIX.put("declareConflict", new Case("mutation($id: ID!) { declareConflict(contestId: $id, organization: \"某单位\") }",
                AuthorizationMatrixTest::contest, judge));
        // Recusing and scoring need an assignment of judge1's; an unknown one is the allowed outcome here.
        MATRIX.put("recuse", new Case("mutation($id: ID!) { recuse(assignmentId: $id) }",
                AuthorizationMatrixTest::unknownId, judge).expecting("NOT_FOUND"));
        MATRIX.put("submitScore", new Case("mutation($id: ID!) { submitScore(assignmentId: $id, items: []) { entryCode } }",
                AuthorizationMatrixTest::unknownId, judge).expecting("NOT_FOUND"));
        MATRIX.put("myAssignments", new Case("query($id: ID!) { myAssignments(contestId: $id) { entryCode } }",
                AuthorizationMatrixTest::contest, judge));
        MATRIX.put("myJudgingProgress", new Case("query($id: ID!) { myJudgingProgress(contestId: $id) { assigned } }",
                AuthorizationMatrixTest::contest, judge));
        MATRIX.put("submissionStatusChanged", new Case("subscription { submissionStatusChanged { id status } }",
                Map::of, entrant));
        MATRIX.put("assignmentAdded", new Case("subscription { assignmentAdded { entryCode } }", Map::of, judge));
    }

    /** A fresh collection made by organizer1, holding one published work. */
    private static String newCollection() {
        return GraphQL.as("organizer1").run("""
                mutation($w: ID!) { createCollection(input: {title: "矩阵专题", workIds: [$w]}) { id } }""",
                Map.of("w", publishedWorkId())).ok().string("createCollection.id");
    }

    /** An id nothing has: allowed callers get NOT_FOUND or an empty answer, others FORBIDDEN or UNAUTHENTICATED. */
    private static Map<String, Object> unknownId() {
        return Map.of("id", java.util.UUID.randomUUID().toString());
    }

    @Test
    void everyOperationIsInTheMatrix() {
        Set<String> operations = new TreeSet<>();
        // One root type per request: graphql-java refuses introspection that lists fields of several types at once.
        for (String root : List.of("queryType", "mutationType", "subscriptionType")) {
            List<String> names = GraphQL.anonymous().run("{ __schema { " + root + " { fields { name } } } }").ok()
                    .data("__schema." + root + ".fields.name");
            if (names != null) {
                operations.addAll(names);
            }
        }
        assertThat(MATRIX.keySet()).as("authorization matrix must list every operation")
                .containsExactlyInAnyOrderElementsOf(operations);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAsEveryRole() {
        return MATRIX.entrySet().stream().flatMap(entry -> EVERYONE.stream().map(as -> DynamicTest.dynamicTest(
                entry.getKey() + " as " + as, () -> {
                    Case c = entry.getValue();
                    if (c.document().startsWith("subscription")) {
                        checkSubscription(entry.getKey(), as, c);
                        return;
                    }
                    GraphQL client = c.freshCaller() && as != As.ANONYMOUS && c.allowed().contains(as)
                            ? GraphQL.asSubject("matrix-" + java.util.UUID.randomUUID(), as.name())
                            : as.client();
                    var response = client.run(c.document(), c.variables().apply(as));
                    String code = response.errorCode();
                    boolean denied = "UNAUTHENTICATED".equals(code) || "FORBIDDEN".equals(code);
                    if (c.allowed().contains(as) && c.expected() == null) {
                        assertThat(response.errors()).as("%s as %s is allowed and must succeed", entry.getKey(), as)
                                .isEmpty();
                    } else if (c.allowed().contains(as)) {
                        assertThat(response.errors()).as("%s as %s: the one expected outcome", entry.getKey(), as)
                                .hasSize(1);
                        assertThat(code).as("%s as %s should give %s but got %s", entry.getKey(), as, c.expected(),
                                response.errors()).isEqualTo(c.expected());
                    } else {
                        assertThat(denied).as("%s as %s should be denied but got %s", entry.getKey(), as,
                                response.errors().isEmpty() ? "success" : response.errors()).isTrue();
                    }
                })));
    }

    /**
     * Subscriptions are checked over graphql-ws, as clients use them: a denied caller gets an error message with
     * UNAUTHENTICATED or FORBIDDEN; an allowed one gets no error (the subscription stays open, silent).
     */
    private static void checkSubscription(String operation, As as, Case c) throws Exception {
        try (GraphQLWs ws = GraphQLWs.connect(as.login)) {
            ws.subscribe(c.document(), c.variables().apply(as));
            var message = ws.next(java.time.Duration.ofMillis(c.allowed().contains(as) ? 1500 : 5000));
            String type = message == null ? null : message.getString("type");
            // graphql-transport-ws reports resolver errors in a "next" message, protocol errors in an "error" one.
            String code = message == null ? null : message.getString("error".equals(type)
                    ? "payload[0].extensions.code" : "payload.errors[0].extensions.code");
            boolean denied = "UNAUTHENTICATED".equals(code) || "FORBIDDEN".equals(code);
            if (c.allowed().contains(as)) {
                assertThat(code).as("%s as %s should stay subscribed but got %s", operation, as,
                        message == null ? null : message.prettify()).isNull();
            } else {
                assertThat(denied).as("%s as %s should be denied but got %s", operation, as,
                        message == null ? "no answer" : message.prettify()).isTrue();
            }
        }
    }

    /** A contest organizer1 opened a minute ago, open for two hours, with its rounds. */
    private static io.restassured.path.json.JsonPath newContest() {
        return GraphQL.as("organizer1").run(cn.kepu.media.testsupport.Contests.CREATE, Map.of("input",
                cn.kepu.media.testsupport.Contests.input("权限矩阵征集", java.time.Duration.ofHours(2), 5)))
                .ok().json();
    }

    private static Map<String, Object> contest() {
        return Map.of("id", newContest().getString("data.createContest.id"));
    }

    private static Map<String, Object> round() {
        return Map.of("id", newContest().getString("data.createContest.rounds[0].id"));
    }

    private static Map<String, Object> contestWithSchedule() {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneId.of("Asia/Shanghai"));
        return Map.of("id", newContest().getString("data.createContest.id"),
                "opens", now.minusHours(1).toString(), "closes", now.plusDays(3).toString());
    }

    /** A fresh open contest and a poster of entrant1's with verified media that fits it. */
    private static Map<String, Object> contestAndEntrantPoster() {
        String work = cn.kepu.media.testsupport.Contests.work(GraphQL.as("entrant1"), "POSTER", "矩阵海报");
        cn.kepu.media.testsupport.TestMediaFacts.register(work,
                cn.kepu.media.testsupport.TestMediaFacts.png(2480, 3508));
        return Map.of("c", newContest().getString("data.createContest.id"), "w", work);
    }

    /** A fresh entry of entrant1's, waiting for moderation. */
    private static Map<String, Object> entrantSubmission() {
        Map<String, Object> fixture = contestAndEntrantPoster();
        String id = GraphQL.as("entrant1").run(cn.kepu.media.testsupport.Contests.SUBMIT,
                cn.kepu.media.testsupport.Contests.submission((String) fixture.get("c"), "POSTER",
                        (String) fixture.get("w"))).ok().string("submitEntry.id");
        return Map.of("id", id);
    }

    /** A fresh upload session for a new draft: the organizer's own when the organizer calls, else entrant1's. */
    private static Map<String, Object> uploadSessionFor(As as) {
        GraphQL owner = GraphQL.as(as == As.ORGANIZER ? "organizer1" : "entrant1");
        String work = owner.run("""
                mutation { createWork(input: {kind: PHOTO, title: "矩阵上传", topics: ["AEROSPACE"], region: ANHUI,
                  creators: [{name: "林晓雨"}], licence: CC_BY_4_0}) { id } }""").ok().string("createWork.id");
        String id = owner.run("""
                mutation($id: ID!) { startUpload(input: {workId: $id, fileName: "a.jpg", declaredType: "image/jpeg",
                  sizeBytes: 1000, sha256: "%s"}) { id } }""".formatted("0".repeat(64)),
                Map.of("id", work)).ok().string("startUpload.id");
        return Map.of("id", id);
    }

    /** The first round of a fresh contest whose panel is judge1. */
    private static Map<String, Object> roundWithPanel() {
        var contest = newContest();
        String judge = GraphQL.as("judge1").run("{ me { id } }").ok().string("me.id");
        GraphQL.as("organizer1").run("""
                mutation($c: ID!, $j: ID!) { setJudgePanel(contestId: $c, judges: [{judgeId: $j}]) }""",
                Map.of("c", contest.getString("data.createContest.id"), "j", judge)).ok();
        return Map.of("id", contest.getString("data.createContest.rounds[0].id"));
    }

    /** A freshly registered entrant account's id. */
    private static String freshAccount() {
        return cn.kepu.media.testsupport.Contests.register("matrix", "ENTRANT", null, "BEIJING").id();
    }

    /** A fresh account that organizer1 granted JUDGE. */
    private static Map<String, Object> accountGrantedJudge() {
        String id = freshAccount();
        GraphQL.as("organizer1").run("mutation($id: ID!) { grantRole(accountId: $id, role: JUDGE) { id } }",
                Map.of("id", id)).ok();
        return Map.of("id", id);
    }

    private static String publishedWorkId() {
        return GraphQL.anonymous().run(PUBLISHED_WORK).ok().string("works.edges[0].node.id");
    }

    /** A fresh draft of entrant1's: only its owner may update it. */
    private static String newBrand() {
        return GraphQL.as("organizer1").run("""
                mutation { createBrand(input: {name: "矩阵品牌", ownerOrganization: "中国科普研究所",
                  kind: VIDEO_CHANNEL}) { id } }""").ok().string("createBrand.id");
    }

    private static Map<String, Object> entrantDraft() {
        String id = GraphQL.as("entrant1").run("""
                mutation { createWork(input: {kind: PHOTO, title: "矩阵草稿", topics: ["AEROSPACE"], region: ANHUI,
                  creators: [{name: "林晓雨"}], licence: CC_BY_4_0}) { id } }""").ok().string("createWork.id");
        return Map.of("id", id, "version", 0);
    }
}
