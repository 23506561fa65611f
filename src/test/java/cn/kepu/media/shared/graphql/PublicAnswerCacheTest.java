package cn.kepu.media.shared.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.identity.Region;
import cn.kepu.media.shared.ratelimit.RateLimiter.Budget;
import cn.kepu.media.testsupport.GraphQL;
import cn.kepu.media.works.Creator;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkKind;
import cn.kepu.media.works.WorkStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public answer cache against the real stores: anonymous identical queries share one answer byte for byte, a
 * public change is visible to the very next anonymous request (through the API on this instance, and through
 * PostgreSQL's NOTIFY when the change comes from elsewhere), signed-in callers and mutations never touch it, the rate
 * limit is charged before every hit, and an answer with errors is never kept.
 *
 * <p>The cache is off in the test profile (other tests write straight to the stores and read back at once); here it is
 * on with answers that live five minutes, so that only a drop, never an expiry, can explain a fresh answer. Background
 * work of earlier tests (the indexer's passes) may drop answers at any moment: assertions about hit and miss run
 * again when a drop came in between ({@link #withoutDrops}).
 */
@QuarkusTest
class PublicAnswerCacheTest {

    private static final Duration LONG = Duration.ofMinutes(5);
    private static final String ADDRESS = "198.51.100.201";

    @Inject
    PublicAnswerCache cache;

    @Inject
    GraphQLRequestGate gate;

    @TestHTTPResource("/graphql")
    URL graphqlUrl;

    @BeforeEach
    void switchOn() {
        cache.settings(new PublicAnswerCache.Settings(LONG, 1000, 8 << 20, Duration.ofSeconds(30)));
    }

    @AfterEach
    void restore() {
        cache.resetSettings();
        gate.resetBudgets();
    }

    private URI graphql() {
        return URI.create(graphqlUrl.toString());
    }

    private static String body(String query, Map<String, Object> variables) {
        return new JsonObject().put("query", query).put("variables", new JsonObject(variables)).encode();
    }

    private static Response ask(String body, String... headers) {
        var request = given().contentType(ContentType.JSON).header("X-Forwarded-For", ADDRESS).body(body);
        for (int i = 0; i < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        return request.post("/graphql");
    }

    private static String outcome(Response response) {
        return response.header(PublicAnswerCache.HEADER);
    }

    /** Runs {@code check} from an empty cache, again (up to five times) when something dropped the answers meanwhile. */
    private <T> T withoutDrops(Supplier<T> check) {
        for (int attempt = 1; ; attempt++) {
            cache.dropAll();
            long before = cache.generation();
            T result = check.get();
            if (cache.generation() == before || attempt == 5) {
                return result;
            }
        }
    }

    @Test
    void identicalAnonymousQueriesShareOneAnswerByteForByte() {
        String page = body("""
                query Page($first: Int) { works(first: $first) {
                  edges { node { id title titleEn kind tags topics { code nameZh } creators { name } } } } }""",
                Map.of("first", 20));
        // The same request written differently (members in another order) is the same request.
        JsonObject sent = new JsonObject(page);
        String reordered = new JsonObject().put("variables", sent.getJsonObject("variables"))
                .put("query", sent.getString("query")).encode();
        assertThat(reordered).isNotEqualTo(page);

        List<Response> three = withoutDrops(() -> List.of(ask(page), ask(page), ask(reordered)));

        assertThat(three.stream().map(PublicAnswerCacheTest::outcome)).containsExactly("miss", "hit", "hit");
        assertThat(three).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.contentType()).isEqualTo(three.get(0).contentType());
            assertThat(answer.asByteArray()).isEqualTo(three.get(0).asByteArray());
        });
        assertThat(three.get(0).jsonPath().getList("data.works.edges")).isNotEmpty();
    }

    @Test
    void aHitIsCompressedLikeTheAnswerItCopies() {
        String topics = body("{ topics { code nameZh nameEn } }", Map.of());
        // A client that shows the encoding as sent (RestAssured decodes gzip and drops the header).
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(graphql()).header("Content-Type", "application/json")
                .header("Accept-Encoding", "gzip").header("X-Forwarded-For", ADDRESS)
                .POST(HttpRequest.BodyPublishers.ofString(topics, StandardCharsets.UTF_8)).build();
        List<HttpResponse<byte[]>> two = withoutDrops(() -> List.of(
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).join(),
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).join()));
        assertThat(two.stream().map(r -> r.headers().firstValue(PublicAnswerCache.HEADER).orElse(null)))
                .containsExactly("miss", "hit");
        assertThat(two).allSatisfy(r -> assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip"));
    }

    @Test
    void aChangeThroughTheApiIsVisibleToTheNextAnonymousRequest() {
        UUID work = publishedWork("缓存测试作品 " + System.nanoTime());
        GraphQL organizer = GraphQL.as("organizer1");
        var created = organizer.run("""
                mutation($w: ID!) { createCollection(input: {title: "缓存专题一", workIds: [$w]}) { id version } }""",
                Map.of("w", work.toString())).ok();
        String collection = created.string("createCollection.id");
        String read = body("query($id: ID!) { collection(id: $id) { title works { id title } } }",
                Map.of("id", collection));
        List<Response> two = withoutDrops(() -> List.of(ask(read), ask(read)));
        assertThat(outcome(two.get(1))).isEqualTo("hit");
        assertThat(two.get(1).jsonPath().getString("data.collection.title")).isEqualTo("缓存专题一");

        organizer.run("""
                mutation($id: ID!, $v: Int!, $w: ID!) {
                  updateCollection(id: $id, version: $v, input: {title: "缓存专题二", workIds: [$w]}) { id } }""",
                Map.of("id", collection, "v", created.<Integer>data("createCollection.version"), "w", work.toString()))
                .ok();
        Response after = ask(read);
        assertThat(after.jsonPath().getString("data.collection.title")).as("the next anonymous request")
                .isEqualTo("缓存专题二");
        assertThat(outcome(after)).isEqualTo("miss");

        // Taken down and put back by an organizer: gone from, then back in, the very next anonymous answer.
        String workRead = body("query($id: ID!) { work(id: $id) { id status title } }", Map.of("id", work.toString()));
        assertThat(ask(workRead).jsonPath().getString("data.work.status")).isEqualTo("PUBLISHED");
        assertThat(ask(workRead).jsonPath().getString("data.work.status")).as("kept").isEqualTo("PUBLISHED");
        organizer.run("mutation($id: ID!) { unpublishWork(id: $id, reason: \"缓存测试\") { id } }",
                Map.of("id", work.toString())).ok();
        assertThat(ask(workRead).jsonPath().getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
        assertThat(ask(read).jsonPath().getList("data.collection.works")).isEmpty();
        organizer.run("mutation($id: ID!) { republishWork(id: $id) { id } }", Map.of("id", work.toString())).ok();
        assertThat(ask(workRead).jsonPath().getString("data.work.status")).isEqualTo("PUBLISHED");
    }

    @Test
    void aChangeCommittedElsewhereReachesTheCacheThroughPostgres() {
        String title = "别处改动 " + System.nanoTime();
        UUID work = publishedWork(title);
        String read = body("query($id: ID!) { work(id: $id) { title } }", Map.of("id", work.toString()));
        List<Response> two = withoutDrops(() -> List.of(ask(read), ask(read)));
        assertThat(outcome(two.get(1))).isEqualTo("hit");

        // Written the way another instance's transaction would be: nothing on this instance is told, but the commit's
        // NOTIFY (the search outbox trigger) reaches every instance, this one included.
        QuarkusTransaction.requiringNew().run(() -> Work.getEntityManager()
                .createNativeQuery("update work set title = ?1 where id = ?2")
                .setParameter(1, title + " 已改").setParameter(2, work).executeUpdate());
        assertThat(firstAnswerWith(read, "data.work.title", title + " 已改"))
                .as("well within the five-minute life of the answer").isLessThan(Duration.ofSeconds(3));

        // A table outside the outbox (V165): a topic's name.
        String topics = body("{ topics { code nameEn } }", Map.of());
        ask(topics);
        String code = ask(topics).jsonPath().getString("data.topics[0].code");
        String name = ask(topics).jsonPath().getString("data.topics[0].nameEn");
        try {
            QuarkusTransaction.requiringNew().run(() -> Work.getEntityManager()
                    .createNativeQuery("update topic set name_en = ?1 where code = ?2")
                    .setParameter(1, name + " (renamed)").setParameter(2, code).executeUpdate());
            assertThat(firstAnswerWith(topics, "data.topics[0].nameEn", name + " (renamed)"))
                    .isLessThan(Duration.ofSeconds(3));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> Work.getEntityManager()
                    .createNativeQuery("update topic set name_en = ?1 where code = ?2")
                    .setParameter(1, name).setParameter(2, code).executeUpdate());
        }
    }

    private static Duration firstAnswerWith(String body, String path, String expected) {
        long start = System.nanoTime();
        while (Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0) {
            if (expected.equals(ask(body).jsonPath().getString(path))) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no answer with " + path + " = " + expected + " within 10 s");
    }

    @Test
    void signedInCallersCookiesQueryStringsAndMutationsBypassTheCache() {
        String topics = body("{ topics { code } }", Map.of());
        ask(topics);
        String token = GraphQL.asSubjectToken("cache-" + System.nanoTime(), "ENTRANT");
        assertThat(outcome(ask(topics, "Authorization", "Bearer " + token))).isEqualTo("bypass");
        assertThat(outcome(ask(topics, "Cookie", "q_session=abc"))).isEqualTo("bypass");
        assertThat(outcome(given().contentType(ContentType.JSON).body(topics).post("/graphql?x=1"))).isEqualTo("bypass");
        Response mutation = ask(body("mutation { deleteSavedSearch(id: \"" + UUID.randomUUID() + "\") }", Map.of()));
        assertThat(mutation.jsonPath().getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
        assertThat(outcome(mutation)).isEqualTo("bypass");
    }

    @Test
    void languageAndVariablesKeepAnswersApart() {
        String licences = body("{ licences { code title } }", Map.of());
        List<String> outcomes = withoutDrops(() -> List.of(
                outcome(ask(licences, "Accept-Language", "zh-CN")), outcome(ask(licences, "Accept-Language", "en")),
                outcome(ask(licences, "Accept-Language", "en-GB,en;q=0.9")), outcome(ask(licences))));
        // en-GB resolves to the same answer language as en; no header means Chinese.
        assertThat(outcomes).containsExactly("miss", "miss", "hit", "hit");

        String page = "query($first: Int) { works(first: $first) { edges { node { id } } } }";
        List<Response> answers = withoutDrops(() -> List.of(ask(body(page, Map.of("first", 1))),
                ask(body(page, Map.of("first", 2))), ask(body(page, Map.of("first", 1)))));
        assertThat(answers.stream().map(PublicAnswerCacheTest::outcome)).containsExactly("miss", "miss", "hit");
        assertThat(answers.get(0).jsonPath().getList("data.works.edges")).hasSize(1);
        assertThat(answers.get(1).jsonPath().getList("data.works.edges")).hasSize(2);
        assertThat(answers.get(2).asByteArray()).isEqualTo(answers.get(0).asByteArray());
    }

    @Test
    void theRateLimitIsChargedBeforeEveryHit() {
        gate.budgets(new GraphQLRequestGate.Budgets(true, new Budget(5, Duration.ofHours(1)),
                new Budget(5, Duration.ofHours(1))));
        String address = "2001:db8::c:" + Long.toHexString(System.nanoTime() & 0xffff);
        String topics = body("{ topics { code nameZh } }", Map.of());
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Response served = given().contentType(ContentType.JSON).header("X-Forwarded-For", address).body(topics)
                    .post("/graphql");
            assertThat(served.statusCode()).as("request %s", i).isEqualTo(200);
            outcomes.add(outcome(served));
        }
        assertThat(outcomes).as("answers were there to be had").contains("hit");

        Response refused = given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .header("Accept-Language", "en").body(topics).post("/graphql");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.jsonPath().getString("errors[0].extensions.code")).isEqualTo("RATE_LIMITED");
        assertThat(outcome(refused)).as("refused before the cache").isNull();
    }

    @Test
    void answersWithErrorsAreNeverKept() {
        String missing = body("query($id: ID!) { work(id: $id) { id } }", Map.of("id", UUID.randomUUID().toString()));
        List<Response> two = withoutDrops(() -> List.of(ask(missing), ask(missing)));
        assertThat(two.get(0).jsonPath().getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
        assertThat(two.stream().map(PublicAnswerCacheTest::outcome)).containsExactly("miss", "miss");

        String invalid = body("{ topics { code noSuchField } }", Map.of());
        assertThat(withoutDrops(() -> List.of(outcome(ask(invalid)), outcome(ask(invalid)))))
                .containsExactly("miss", "miss");
        // A document the gate refuses never reaches the cache at all.
        String deep = body("{ " + "a { ".repeat(30) + "b" + " }".repeat(30) + " }", Map.of());
        Response refused = ask(deep);
        assertThat(refused.jsonPath().getString("errors[0].extensions.code")).isNotNull();
        assertThat(outcome(refused)).isNull();
    }

    @Test
    void identicalMissesArrivingTogetherComputeOnce() {
        // An alias of its own makes the request new to the cache; 16 at once, all anonymous and identical.
        List<String> outcomes = withoutDrops(() -> {
            String alias = "w" + System.nanoTime();
            String request = body("{ " + alias + ": works(first: 30) { edges { node { id title creators { name } } } } }",
                    Map.of());
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                sent.add(client.sendAsync(HttpRequest.newBuilder(graphql()).header("Content-Type", "application/json")
                        .header("X-Forwarded-For", ADDRESS)
                        .POST(HttpRequest.BodyPublishers.ofString(request, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();
            assertThat(answers).allSatisfy(a -> assertThat(a.body()).isEqualTo(answers.get(0).body()));
            return answers.stream().map(a -> a.headers().firstValue(PublicAnswerCache.HEADER).orElse(null)).toList();
        });
        assertThat(outcomes).hasSize(16).containsOnly("miss", "hit");
        assertThat(outcomes).filteredOn("miss"::equals).hasSize(1);
    }

    @Test
    void answersLiveNoLongerThanTheirTimeToLive() throws InterruptedException {
        cache.settings(new PublicAnswerCache.Settings(Duration.ofMillis(300), 1000, 8 << 20, Duration.ofSeconds(30)));
        String topics = body("{ topics { code nameEn } }", Map.of());
        List<String> two = withoutDrops(() -> List.of(outcome(ask(topics)), outcome(ask(topics))));
        assertThat(two).containsExactly("miss", "hit");
        Thread.sleep(600);
        assertThat(outcome(ask(topics))).isEqualTo("miss");

        cache.settings(new PublicAnswerCache.Settings(Duration.ZERO, 1000, 8 << 20, Duration.ofSeconds(30)));
        assertThat(outcome(ask(topics))).as("off: no header at all").isNull();
    }

    @Test
    void pastHalfItsLifeAnAnswerIsRecomputedInTheBackgroundWhileItsCopyIsServed() throws InterruptedException {
        Duration ttl = Duration.ofSeconds(4);
        cache.settings(new PublicAnswerCache.Settings(ttl, 1000, 8 << 20, Duration.ofSeconds(30)));
        // The recomputation waits 1.2 s before it runs: requests meanwhile show whether anyone waits for it.
        cache.pauseRefreshes(Duration.ofMillis(1200));
        String topics = body("{ topics { code nameZh } }", Map.of());
        record Seen(String outcome, byte[] body, long millis) {
        }
        Supplier<Seen> timedAsk = () -> {
            long start = System.nanoTime();
            Response response = ask(topics);
            return new Seen(outcome(response), response.asByteArray(), (System.nanoTime() - start) / 1_000_000);
        };
        List<Seen> seen = withoutDrops(() -> {
            List<Seen> all = new ArrayList<>();
            long first = System.nanoTime();
            all.add(timedAsk.get());
            long before = cache.refreshCount();
            all.add(timedAsk.get());  // young: a plain hit
            assertThat(cache.refreshCount()).as("no recomputation before half the life").isEqualTo(before);
            sleepUntil(first, ttl.multipliedBy(6).dividedBy(10));
            for (int i = 0; i < 4; i++) {
                all.add(timedAsk.get());  // 0.6 x ttl: the first triggers, the others are served the copy meanwhile
            }
            assertThat(cache.refreshCount()).as("exactly one recomputation").isEqualTo(before + 1);
            // Past the first answer's life: only the recomputed one (begun at ~0.6 x ttl + 1.2 s) can be a hit.
            sleepUntil(first, ttl.multipliedBy(11).dividedBy(10));
            all.add(timedAsk.get());
            return all;
        });
        assertThat(seen.stream().map(Seen::outcome)).containsExactly("miss", "hit", "hit", "hit", "hit", "hit", "hit");
        assertThat(seen.subList(2, 6)).as("nobody waits for the recomputation")
                .allSatisfy(s -> assertThat(s.millis()).isLessThan(1000));
        assertThat(seen).allSatisfy(s -> assertThat(s.body()).isEqualTo(seen.get(0).body()));

        // A drop while a recomputation is under way: the next request is a miss (the recomputation, begun before the
        // drop, is not kept either: the same generation rule as a miss, covered by the change tests above).
        cache.pauseRefreshes(Duration.ofMillis(300));
        long first = System.nanoTime();
        ask(topics);
        sleepUntil(first, ttl.multipliedBy(6).dividedBy(10));
        ask(topics);
        cache.dropAll();
        assertThat(outcome(ask(topics))).isEqualTo("miss");
    }

    private static void sleepUntil(long start, Duration after) {
        long left = after.toNanos() - (System.nanoTime() - start);
        if (left > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A published work of entrant1, made straight in the store. */
    private static UUID publishedWork(String title) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Work work = new Work();
        work.id = UUID.randomUUID();
        work.ownerId = UUID.nameUUIDFromBytes("demo-account:entrant1".getBytes(StandardCharsets.UTF_8));
        work.kind = WorkKind.PHOTO;
        work.title = title;
        work.description = "";
        work.topicCodes.add("GENERAL_SCIENCE");
        work.creators.add(new Creator("缓存测试", null, null, null));
        work.region = Region.BEIJING;
        work.creditLine = "缓存测试";
        work.licence = Licence.CC_BY_4_0;
        work.status = WorkStatus.PUBLISHED;
        work.publishedAt = now.minusSeconds(60);
        work.createdAt = now;
        work.updatedAt = now;
        QuarkusTransaction.requiringNew().run(work::persist);
        return work.id;
    }
}
