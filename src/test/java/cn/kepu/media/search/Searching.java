package cn.kepu.media.search;

import cn.kepu.media.testsupport.GraphQL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** searchWorks through the API, and waiting until the indexer has caught up with a change. */
public final class Searching {

    static final String SEARCH = """
            query($q: String, $filter: SearchFilter, $sort: SearchSort, $first: Int, $after: String) {
              searchWorks(query: $q, filter: $filter, sort: $sort, first: $first, after: $after) {
                totalCount relaxed
                pageInfo { hasNextPage endCursor }
                edges { cursor score node { id title titleEn description kind status }
                        highlights { field fragments } }
                facets { kinds { value count } topics { value count } regions { value count }
                         licences { value count } contests { value count } awardTiers { value count } }
              }
            }""";

    private Searching() {
    }

    static GraphQL.Response search(GraphQL as, String query, Map<String, Object> more) {
        var variables = new java.util.HashMap<String, Object>(more);
        variables.put("q", query);
        return as.run(SEARCH, variables);
    }

    static List<String> ids(GraphQL.Response response) {
        return response.ok().data("searchWorks.edges.node.id");
    }

    /** Polls until the condition holds for the ids found, failing after 20 s. */
    static List<String> awaitIds(GraphQL as, String query, Map<String, Object> more, Predicate<List<String>> until) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> found = List.of();
        while (System.nanoTime() < deadline) {
            GraphQL.Response response = answered(as, query, more);
            if (response != null) {
                found = ids(response);
                if (until.test(found)) {
                    return found;
                }
            }
            sleep(100);
        }
        throw new AssertionError(
                "search for " + query + " " + more + " never satisfied the condition; last ids " + found);
    }

    /**
     * Polls the newest 100 works matching the filter until the condition holds for their ids, failing after 20 s:
     * for tests of other features that wait for the indexer to pick up their change.
     */
    public static List<String> awaitFiltered(GraphQL as, Map<String, Object> filter, Predicate<List<String>> until) {
        return awaitIds(as, null, Map.of("filter", filter, "sort", "NEWEST", "first", 100), until);
    }

    /**
     * Polls until the search reports the expected total, failing after 20 s. Seeing the first page is not enough:
     * documents of later bulk batches, or of a batch another drainer still holds, become visible on a later refresh.
     */
    static void awaitTotal(GraphQL as, String query, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Integer total = null;
        while (System.nanoTime() < deadline) {
            GraphQL.Response response = answered(as, query, Map.of());
            if (response != null) {
                total = response.ok().<Integer>data("searchWorks.totalCount");
                if (total != null && total == expected) {
                    return;
                }
            }
            sleep(100);
        }
        throw new AssertionError("search for " + query + " never counted " + expected + "; last total " + total);
    }

    /**
     * Polls the organizer's drift report until PostgreSQL and the index agree with nothing pending, for up to 30 s;
     * returns the last report (the caller asserts on it, so a failure shows what differed).
     */
    static Map<String, Object> awaitInSync() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> report = Map.of();
        while (System.nanoTime() < deadline) {
            report = GraphQL.as("organizer1").run("{ searchDrift { inSync missing extra stale pendingEvents } }").ok()
                    .data("searchDrift");
            if (Boolean.TRUE.equals(report.get("inSync")) && Integer.valueOf(0).equals(report.get("pendingEvents"))) {
                return report;
            }
            sleep(200);
        }
        return report;
    }

    /**
     * The search's answer, or null while it answers the typed, retryable SEARCH_UNAVAILABLE: right after an outage
     * the store's circuit breaker refuses for a few seconds, which for a test waiting on the index means "not yet".
     * Any other error still fails the test.
     */
    private static GraphQL.Response answered(GraphQL as, String query, Map<String, Object> more) {
        GraphQL.Response response = search(as, query, more);
        return "SEARCH_UNAVAILABLE".equals(response.errorCode()) ? null : response;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
