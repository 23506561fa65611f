package cn.kepu.media.publishing;

import cn.kepu.media.testsupport.SearchWords;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.media.MediaFixtures;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.testsupport.Mailbox;
import cn.kepu.media.testsupport.TestClock;
import cn.kepu.media.testsupport.TestMediaFacts;
import cn.kepu.media.testsupport.Uploads;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Publication outside contests, end to end against the real stores: request, moderation at the PUBLICATION stage,
 * publication and search; a release time (embargo) that keeps a work out of every read path until the test clock
 * passes it and then lets it in with no one acting; and a takedown that empties search within seconds, stops
 * downloads and is audited. The owner is mailed each decision in their language.
 */
@QuarkusTest
class PublishingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static final String REQUEST = """
            mutation($input: RequestPublicationInput!) { requestPublication(input: $input) {
              id workId status onBehalfOf note requestedAt } }""";
    static final String MODERATE = """
            mutation($input: ModeratePublicationInput!) { moderatePublication(input: $input) {
              id status decidedAt releaseAt releasedAt decision { stage decision reasonCode note } } }""";
    static final String INBOX = """
            query($f: ModerationInboxFilter, $after: String) { moderationInbox(filter: $f, first: 50, after: $after) {
              pageInfo { hasNextPage endCursor }
              edges { node { stage submission { id } publicationRequestId
                             publicationRequest { id status work { id title } } } } } }""";
    static final String WORK = "query($id: ID!) { work(id: $id) { id status publishedAt } }";
    /** The newest works (tests run one at a time, so a work made in a test is among them). */
    static final String NEWEST = "{ works(first: 30) { edges { node { id } } } }";
    static final String SEARCH = """
            query($q: String) { searchWorks(query: $q, first: 20) { edges { node { id } } } }""";
    static final String SUGGEST = "query($p: String!) { suggest(prefix: $p, first: 10) { text workId } }";
    static final String RELATED = "query($id: ID!) { relatedWorks(id: $id, first: 20) { id } }";
    static final String DOWNLOAD = """
            mutation($id: ID!) { downloadUrl(assetId: $id, acceptLicence: CC_BY_4_0) { url } }""";
    static final String THUMBNAIL = "mutation($id: ID!) { downloadUrl(assetId: $id, rendition: THUMBNAIL) { url } }";
    static final String LOG = "query($id: ID!) { publicationLog(workId: $id) { action detail actor } }";

    @Inject
    TestClock clock;

    record Owner(GraphQL client, String id, Mailbox mailbox) {
    }

    @Test
    void aWorkGoesFromRequestThroughModerationToPublishedAndSearchable() {
        Owner owner = register("pub-owner", "EN");
        String marker = marker();
        String work = createWork(owner.client(), marker + " 量子纠缠科普海报", marker);

        var noFiles = owner.client().acceptLanguage("en").run(REQUEST, Map.of("input", Map.of("workId", work)));
        assertThat(noFiles.errorCode()).as("a work without verified files").isEqualTo("CONFLICT");
        assertThat(noFiles.errorMessage()).contains("verified");
        assertThat(owner.client().run(REQUEST, Map.of("input", Map.of("workId", work)))
                .errorMessage()).as("the same error in Chinese").contains("校验");
        TestMediaFacts.register(work, TestMediaFacts.png(3000, 4000));

        assertThat(GraphQL.as("entrant1").run(REQUEST, Map.of("input", Map.of("workId", work))).errorCode())
                .as("someone else's draft does not exist for them").isEqualTo("NOT_FOUND");
        assertThat(GraphQL.as("media1").run(REQUEST, Map.of("input", Map.of("workId", work))).errorCode())
                .isEqualTo("FORBIDDEN");

        var request = owner.client().run(REQUEST, Map.of("input", Map.of("workId", work, "note", "请审核"))).ok();
        String first = request.string("requestPublication.id");
        assertThat(request.string("requestPublication.status")).isEqualTo("PENDING");
        assertThat(status(GraphQL.as("organizer1"), work)).isEqualTo("IN_MODERATION");
        assertThat(owner.client().run(REQUEST, Map.of("input", Map.of("workId", work))).errorCode())
                .as("one open request per work").isEqualTo("CONFLICT");

        // The request waits in the moderators' one inbox, at the PUBLICATION stage, with its work.
        GraphQL moderator = GraphQL.as("moderator1");
        List<Map<String, Object>> waiting = inbox(moderator, Map.of("stage", "PUBLICATION", "kind", "PHOTO"));
        assertThat(waiting).filteredOn(n -> first.equals(n.get("publicationRequestId"))).singleElement()
                .satisfies(n -> {
                    assertThat(n).containsEntry("stage", "PUBLICATION").containsEntry("submission", null);
                    assertThat(n.get("publicationRequest").toString()).contains(work, "PENDING");
                });
        assertThat(inbox(moderator, Map.of("stage", "ENTRY"))).as("not an entry")
                .noneMatch(n -> first.equals(n.get("publicationRequestId")));
        assertThat(inbox(moderator, Map.of("stage", "PUBLICATION", "kind", "POSTER")))
                .noneMatch(n -> first.equals(n.get("publicationRequestId")));
        assertThat(GraphQL.anonymous().run(WORK, Map.of("id", work)).errorCode()).isEqualTo("NOT_FOUND");

        // A rejection needs a reason and a note; it sends the work back to its owner, who revises and asks again.
        assertThat(moderate(moderator, first, "REJECT", "COPYRIGHT", null, null).errorField()).isEqualTo("input.note");
        assertThat(moderate(moderator, first, "APPROVE", "OK", null, Instant.now().plus(Duration.ofDays(400)))
                .errorField()).isEqualTo("input.releaseAt");
        assertThat(moderate(GraphQL.as("organizer1"), first, "APPROVE", "OK", null, null).errorCode())
                .isEqualTo("FORBIDDEN");
        var rejected = moderate(moderator, first, "REJECT", "COPYRIGHT", "图片来源不明", null).ok();
        assertThat(rejected.string("moderatePublication.status")).isEqualTo("REJECTED");
        assertThat(rejected.string("moderatePublication.decision.reasonCode")).isEqualTo("COPYRIGHT");
        assertThat(moderate(moderator, first, "APPROVE", "OK", null, null).errorCode())
                .as("decided once").isEqualTo("CONFLICT");
        assertThat(status(owner.client(), work)).isEqualTo("REJECTED");
        var rejectionMail = owner.mailbox().awaitKind("PUBLICATION_DECISION");
        assertThat(rejectionMail).singleElement().satisfies(m -> {
            assertThat(m.language()).isEqualTo("en");
            assertThat(m.body()).contains("Dear", "copyright", "图片来源不明", "request publication again");
        });

        String second = owner.client().run(REQUEST, Map.of("input", Map.of("workId", work))).ok()
                .string("requestPublication.id");
        var approved = moderate(moderator, second, "APPROVE", "OK", null, null).ok();
        assertThat(approved.string("moderatePublication.status")).isEqualTo("APPROVED");
        assertThat(approved.string("moderatePublication.releasedAt")).isNotNull();
        assertThat(inbox(moderator, Map.of("stage", "PUBLICATION"))).as("a decided request leaves the inbox")
                .noneMatch(n -> second.equals(n.get("publicationRequestId")) || first.equals(n.get("publicationRequestId")));

        assertThat(status(GraphQL.anonymous(), work)).isEqualTo("PUBLISHED");
        awaitTrue("the published work is searchable", () -> searchIds(GraphQL.as("media1"), marker).contains(work));
        assertThat(GraphQL.anonymous().run(NEWEST).ok().<List<String>>data("works.edges.node.id")).contains(work);
        List<Mailbox.Mail> mails = owner.mailbox().await(m -> m.stream()
                .filter(x -> "PUBLICATION_DECISION".equals(x.kind())).count() == 2, Mailbox.DELIVERY);
        assertThat(mails).filteredOn(m -> "PUBLICATION_DECISION".equals(m.kind())).anySatisfy(m ->
                assertThat(m.body()).contains("published now"));

        assertThat(owner.client().run("query($id: ID!) { publicationRequests(workId: $id) { id status } }",
                Map.of("id", work)).ok().<List<String>>data("publicationRequests.status"))
                .containsExactly("APPROVED", "REJECTED");
        assertThat(actions(work)).contains("PUBLICATION_REQUESTED", "MODERATED_PUBLICATION_REQUEST_REJECT",
                "MODERATED_PUBLICATION_REQUEST_APPROVE");
    }

    @Test
    void anOrganizerRequestsForAnOrganisationByName() {
        Owner owner = register("pub-org-owner", "ZH");
        String work = createWork(owner.client(), marker() + " 机构作品", marker());
        TestMediaFacts.register(work, TestMediaFacts.png(2000, 2000));
        GraphQL organizer = GraphQL.as("organizer1");
        assertThat(organizer.run(REQUEST, Map.of("input", Map.of("workId", work))).errorField())
                .isEqualTo("input.onBehalfOf");
        assertThat(owner.client().run(REQUEST, Map.of("input", Map.of("workId", work, "onBehalfOf", "中国科协")))
                .errorField()).as("entrants ask for themselves").isEqualTo("input.onBehalfOf");
        var request = organizer.run(REQUEST, Map.of("input", Map.of("workId", work, "onBehalfOf", "中国科学院科普处")))
                .ok();
        assertThat(request.string("requestPublication.onBehalfOf")).isEqualTo("中国科学院科普处");
        assertThat(actions(work)).contains("PUBLICATION_REQUESTED");
    }

    @Test
    void anEmbargoedWorkIsInvisibleEverywhereUntilItsTimeThenAppearsWithoutAnyoneActing() throws Exception {
        Owner owner = register("pub-embargo", "ZH");
        String marker = marker();
        String title = marker + " 深海热液生态科普图";
        String work = createWork(owner.client(), title, marker);
        String asset = uploadJpeg(owner.client(), work);
        // A public sibling on the same subject, for relatedWorks in both directions.
        String sibling = createWork(owner.client(), marker + " 深海热液生态科普图 续篇", marker + "x");
        uploadJpeg(owner.client(), sibling);
        publishNow(owner, sibling);

        Instant releaseAt = Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        String request = owner.client().run(REQUEST, Map.of("input", Map.of("workId", work))).ok()
                .string("requestPublication.id");
        var approved = moderate(GraphQL.as("moderator1"), request, "APPROVE", "OK", null, releaseAt).ok();
        assertThat(approved.string("moderatePublication.releaseAt")).isEqualTo(releaseAt.toString());
        assertThat(approved.string("moderatePublication.releasedAt")).isNull();
        String collection = GraphQL.as("organizer1").run("""
                mutation($ids: [ID!]!) { createCollection(input: {title: "定时发布专题", workIds: $ids}) { id } }""",
                Map.of("ids", List.of(sibling, work))).ok().string("createCollection.id");

        try {
            // Let the indexer catch up with the approval, so "invisible" below is not just "not indexed yet".
            awaitTrue("the sibling is searchable", () -> searchIds(GraphQL.as("media1"), marker).contains(sibling));
            awaitTrue("the embargoed work is indexed for its owner",
                    () -> searchIds(owner.client(), marker).contains(work));
            assertInvisible(work, asset, sibling, collection, marker);
            assertThat(owner.client().run(WORK, Map.of("id", work)).ok().string("work.publishedAt"))
                    .as("its owner sees it, with its release time").isEqualTo(releaseAt.toString());
            var mail = owner.mailbox().await(m -> m.stream().anyMatch(x -> x.body().contains(work)), Mailbox.DELIVERY);
            assertThat(mail).filteredOn(m -> m.body().contains(work)).singleElement()
                    .satisfies(m -> assertThat(m.body()).contains("公开发布", "Asia/Shanghai"));

            clock.advance(Duration.between(Instant.now(), releaseAt).plusMinutes(1));

            // Nobody acts: the release job and the clock make it appear in every path.
            awaitTrue("suggest offers it", () -> GraphQL.anonymous().run(SUGGEST, Map.of("p", marker)).ok()
                    .<List<String>>data("suggest.workId").contains(work));
            assertThat(searchIds(GraphQL.anonymous(), marker)).contains(work, sibling);
            assertThat(searchIds(GraphQL.as("media1"), marker)).contains(work);
            assertThat(status(GraphQL.anonymous(), work)).isEqualTo("PUBLISHED");
            assertThat(GraphQL.anonymous().run(NEWEST).ok().<List<String>>data("works.edges.node.id"))
                    .contains(work, sibling);
            assertThat(collectionWorks(collection)).containsExactly(sibling, work);
            assertThat(GraphQL.as("media1").run(DOWNLOAD, Map.of("id", asset)).ok().string("downloadUrl.url"))
                    .startsWith("http");
            GraphQL.anonymous().run(THUMBNAIL, Map.of("id", asset)).ok();
            GraphQL.anonymous().run(RELATED, Map.of("id", work)).ok();
            awaitTrue("relatedWorks of the sibling includes it", () -> GraphQL.anonymous()
                    .run(RELATED, Map.of("id", sibling)).ok().<List<String>>data("relatedWorks.id").contains(work));
            awaitTrue("the request records the release", () -> owner.client()
                    .run("query($id: ID!) { publicationRequests(workId: $id) { releasedAt } }", Map.of("id", work))
                    .ok().string("publicationRequests[0].releasedAt") != null);
        } finally {
            clock.reset();
        }
    }

    private void assertInvisible(String work, String asset, String sibling, String collection, String marker) {
        for (GraphQL as : List.of(GraphQL.anonymous(), GraphQL.as("media1"), GraphQL.as("judge1"))) {
            assertThat(as.run(WORK, Map.of("id", work)).errorCode()).as("work(id)").isEqualTo("NOT_FOUND");
            assertThat(as.run(NEWEST).ok().<List<String>>data("works.edges.node.id"))
                    .as("works").contains(sibling).doesNotContain(work);
            assertThat(searchIds(as, marker)).as("searchWorks").contains(sibling).doesNotContain(work);
            assertThat(as.run(SUGGEST, Map.of("p", marker)).ok().<List<String>>data("suggest.workId"))
                    .as("suggest").doesNotContain(work);
            assertThat(as.run(RELATED, Map.of("id", work)).errorCode()).as("relatedWorks of it").isEqualTo("NOT_FOUND");
            assertThat(as.run(RELATED, Map.of("id", sibling)).ok().<List<String>>data("relatedWorks.id"))
                    .as("relatedWorks of its sibling").doesNotContain(work);
            assertThat(as.run(THUMBNAIL, Map.of("id", asset)).errorCode()).as("renditions").isEqualTo("NOT_FOUND");
        }
        assertThat(GraphQL.as("media1").run(DOWNLOAD, Map.of("id", asset)).errorCode()).as("downloadUrl")
                .isEqualTo("NOT_FOUND");
        assertThat(collectionWorks(collection)).as("collections").containsExactly(sibling);
    }

    @Test
    void aTakedownEmptiesSearchWithinSecondsStopsDownloadsAndIsAudited() throws Exception {
        Owner owner = register("pub-takedown", "EN");
        String marker = marker();
        String work = createWork(owner.client(), marker + " 侵权投诉测试作品", marker);
        String asset = uploadJpeg(owner.client(), work);
        publishNow(owner, work);
        GraphQL media = GraphQL.as("media1");
        awaitTrue("published and searchable", () -> searchIds(media, marker).contains(work));
        media.run(DOWNLOAD, Map.of("id", asset)).ok();

        String unpublish = "mutation($id: ID!, $r: String!) { unpublishWork(id: $id, reason: $r) { id status } }";
        assertThat(GraphQL.as("moderator1").run(unpublish, Map.of("id", work, "r", "x")).errorCode())
                .isEqualTo("FORBIDDEN");
        assertThat(owner.client().run(unpublish, Map.of("id", work, "r", "x")).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(GraphQL.as("organizer1").run(unpublish, Map.of("id", work, "r", " ")).errorField())
                .isEqualTo("reason");
        long start = System.nanoTime();
        assertThat(GraphQL.as("organizer1").run(unpublish, Map.of("id", work, "r", "权利人投诉：图片未获授权")).ok()
                .string("unpublishWork.status")).isEqualTo("WITHDRAWN");

        assertThat(GraphQL.anonymous().run(WORK, Map.of("id", work)).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(media.run(DOWNLOAD, Map.of("id", asset)).errorCode()).as("downloads stop at once")
                .isEqualTo("NOT_FOUND");
        awaitTrue("gone from search", () -> !searchIds(media, marker).contains(work));
        Duration gone = Duration.ofNanos(System.nanoTime() - start);
        assertThat(gone).as("gone from search within seconds").isLessThan(Duration.ofSeconds(5));
        assertThat(GraphQL.as("organizer1").run(unpublish, Map.of("id", work, "r", "again")).errorCode())
                .isEqualTo("CONFLICT");

        assertThat(GraphQL.as("organizer1").run(LOG, Map.of("id", work)).ok()
                .<List<Map<String, Object>>>data("publicationLog")).anySatisfy(e -> assertThat(e)
                .containsEntry("action", "WORK_UNPUBLISHED").containsEntry("detail", "权利人投诉：图片未获授权")
                .containsEntry("actor", "organizer1"));
        assertThat(GraphQL.as("moderator1").run(LOG, Map.of("id", work)).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(owner.mailbox().awaitKind("WORK_TAKEN_DOWN")).singleElement().satisfies(m ->
                assertThat(m.body()).contains("taken your work", "权利人投诉：图片未获授权"));

        // Put back unchanged: public and searchable again.
        String republish = "mutation($id: ID!) { republishWork(id: $id) { status } }";
        assertThat(GraphQL.as("organizer1").run(republish, Map.of("id", work)).ok().string("republishWork.status"))
                .isEqualTo("PUBLISHED");
        awaitTrue("searchable again", () -> searchIds(media, marker).contains(work));
        media.run(DOWNLOAD, Map.of("id", asset)).ok();
        assertThat(actions(work)).contains("WORK_REPUBLISHED");

        // Changed by its owner after a takedown: back only through a new request.
        GraphQL.as("organizer1").run(unpublish, Map.of("id", work, "r", "内容有误")).ok();
        int version = owner.client().run("query($id: ID!) { work(id: $id) { version } }", Map.of("id", work)).ok()
                .<Integer>data("work.version");
        owner.client().run("""
                mutation($id: ID!, $v: Int!, $title: String!) { updateWork(id: $id, version: $v, input: {kind: PHOTO,
                  title: $title, topics: ["GENERAL_SCIENCE"], region: BEIJING, creators: [{name: "测试"}],
                  licence: CC_BY_4_0}) { id } }""", Map.of("id", work, "v", version, "title", marker + " 已更正")).ok();
        assertThat(GraphQL.as("organizer1").run(republish, Map.of("id", work)).errorCode()).isEqualTo("CONFLICT");
        assertThat(GraphQL.as("organizer1").acceptLanguage("en").run(republish, Map.of("id", work)).errorMessage())
                .contains("new publication request");
    }

    // --- helpers ---

    private static void publishNow(Owner owner, String work) {
        String request = owner.client().run(REQUEST, Map.of("input", Map.of("workId", work))).ok()
                .string("requestPublication.id");
        moderate(GraphQL.as("moderator1"), request, "APPROVE", "OK", null, null).ok();
    }

    private static GraphQL.Response moderate(GraphQL as, String request, String decision, String reason, String note,
            Instant releaseAt) {
        Map<String, Object> input = new HashMap<>();
        input.put("requestId", request);
        input.put("decision", decision);
        input.put("reasonCode", reason);
        input.put("note", note);
        input.put("releaseAt", releaseAt == null ? null : releaseAt.toString());
        return as.run(MODERATE, Map.of("input", input));
    }

    private static List<Map<String, Object>> inbox(GraphQL as, Map<String, Object> filter) {
        List<Map<String, Object>> nodes = new java.util.ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("f", filter);
            variables.put("after", after);
            var response = as.run(INBOX, variables).ok();
            nodes.addAll(response.<List<Map<String, Object>>>data("moderationInbox.edges.node"));
            if (!response.<Boolean>data("moderationInbox.pageInfo.hasNextPage")) {
                return nodes;
            }
            after = response.string("moderationInbox.pageInfo.endCursor");
        }
        throw new AssertionError("the inbox did not end within 100 pages");
    }

    private static String status(GraphQL as, String work) {
        return as.run(WORK, Map.of("id", work)).ok().string("work.status");
    }

    private static List<String> searchIds(GraphQL as, String query) {
        return as.run(SEARCH, Map.of("q", query)).ok().data("searchWorks.edges.node.id");
    }

    private static List<String> collectionWorks(String collection) {
        return GraphQL.anonymous().run("query($id: ID!) { collection(id: $id) { works { id } } }",
                Map.of("id", collection)).ok().data("collection.works.id");
    }

    private static List<String> actions(String work) {
        return GraphQL.as("organizer1").run(LOG, Map.of("id", work)).ok().data("publicationLog.action");
    }

    private static String createWork(GraphQL as, String title, String tag) {
        return as.run("""
                mutation($title: String!, $tag: String!) { createWork(input: {kind: PHOTO, title: $title,
                  topics: ["GENERAL_SCIENCE"], region: BEIJING, creators: [{name: "测试作者"}], licence: CC_BY_4_0,
                  tags: [$tag]}) { id } }""", Map.of("title", title, "tag", tag)).ok().string("createWork.id");
    }

    /** Uploads a real JPEG through the presigned URL and waits for its renditions. */
    private static String uploadJpeg(GraphQL as, String work) throws Exception {
        byte[] jpeg = MediaFixtures.jpeg(1600, 1200);
        var session = as.run("""
                mutation($input: StartUploadInput!) { startUpload(input: $input) { id url } }""",
                Map.of("input", Map.of("workId", work, "fileName", "作品.jpg", "declaredType", "image/jpeg",
                        "sizeBytes", jpeg.length, "sha256", MediaFixtures.sha256(jpeg)))).ok();
        int put = HTTP.send(HttpRequest.newBuilder(URI.create(session.string("startUpload.url")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        assertThat(put).isEqualTo(200);
        String asset = Uploads.completeAccepted(as, session.string("startUpload.id"));
        awaitTrue("renditions settle", () -> as.run(
                "query($id: ID!) { work(id: $id) { media { renditions { status } } } }", Map.of("id", work)).ok()
                .<List<String>>data("work.media[0].renditions.status").stream().noneMatch("PENDING"::equals));
        return asset;
    }

    private static Owner register(String prefix, String language) {
        String subject = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        GraphQL client = GraphQL.asSubject(subject, "ENTRANT");
        String address = Mailbox.freshAddress(prefix);
        Map<String, Object> input = new HashMap<>();
        input.put("displayName", subject);
        input.put("organizationType", "RESEARCH_INSTITUTE");
        input.put("organization", "科普研究所");
        input.put("region", "BEIJING");
        input.put("email", address);
        input.put("language", language);
        String id = client.run("mutation($input: RegisterInput!) { register(input: $input) { id } }",
                Map.of("input", input)).ok().string("register.id");
        return new Owner(client, id, Mailbox.of(address));
    }

    /** A word no other work has. */
    private static String marker() {
        return SearchWords.unique("pubq");
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
