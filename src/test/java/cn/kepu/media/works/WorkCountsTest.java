package cn.kepu.media.works;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.panache.common.Parameters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Listing totals: served from the cache across requests whose visibility rule carries a new "now" each time. */
class WorkCountsTest {

    private final List<Parameters> counted = new ArrayList<>();
    private final WorkCounts counts = new WorkCounts(Duration.ofSeconds(10), (condition, params) -> {
        counted.add(params);
        return 42L;
    });

    private static final String PUBLIC = "(w.status = :published and w.publishedAt <= :now)";

    @Test
    void requestsWithinTheSameSecondShareOneCount() {
        Instant second = Instant.parse("2026-03-14T09:26:53Z");
        for (int millis = 0; millis < 1000; millis += 97) {
            assertThat(counts.count(PUBLIC, visibleAt(second.plusMillis(millis)))).isEqualTo(42L);
        }

        assertThat(counted).as("one count for ten requests in one second").hasSize(1);
        assertThat(counted.getFirst().map().get("now")).as("counted as of the second itself").isEqualTo(second);
    }

    @Test
    void anotherSecondOrAnotherConditionOrCallerCountsAgain() {
        Instant at = Instant.parse("2026-03-14T09:26:53.500Z");
        counts.count(PUBLIC, visibleAt(at));
        counts.count(PUBLIC, visibleAt(at.plusSeconds(1)));
        counts.count(PUBLIC + " and w.kind = :kind", visibleAt(at).and("kind", "VIDEO"));
        String mine = "(" + PUBLIC + " or w.ownerId = :me)";
        counts.count(mine, visibleAt(at).and("me", UUID.randomUUID()));
        counts.count(mine, visibleAt(at).and("me", UUID.randomUUID()));

        assertThat(counted).hasSize(5);
    }

    @Test
    void withoutATimeToLiveEveryRequestCountsExactly() {
        List<Parameters> exact = new ArrayList<>();
        WorkCounts uncached = new WorkCounts(Duration.ZERO, (condition, params) -> {
            exact.add(params);
            return 1L;
        });
        Instant at = Instant.parse("2026-03-14T09:26:53.500Z");
        uncached.count(PUBLIC, visibleAt(at));
        uncached.count(PUBLIC, visibleAt(at));

        assertThat(exact).hasSize(2);
        assertThat(exact.getFirst().map().get("now")).as("not rounded").isEqualTo(at);
    }

    private static Parameters visibleAt(Instant now) {
        return Parameters.with("published", WorkStatus.PUBLISHED).and("now", now);
    }
}
