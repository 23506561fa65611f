package cn.kepu.media.works;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Totals of work listings ({@code totalCount}), cached briefly per condition.
 *
 * <p>A count visits every matching row: at a million published works it costs PostgreSQL tens of milliseconds, more
 * than the page itself, which reads 51 rows through an index. A total is a figure for "about how many", shown next
 * to a list; the page and its cursors stay exact. So a total may be up to {@code kepu.works.total-count-ttl} old
 * (default 10 s; 0 counts on every request). The key is the query's condition and parameters, which include the
 * caller's account where visibility depends on it, so one caller never sees a total computed for another's view.
 *
 * <p>The visibility rule compares publication times with the request's {@code now}, a new instant on every request;
 * as part of the key it made every key new, so no total was ever served from the cache except for moderators and
 * organizers (no time in their condition). Instants are therefore rounded down to the second, for the key and for the
 * count alike: a work released less than a second ago may be missing from a total that may be seconds old anyway.
 */
@ApplicationScoped
public class WorkCounts {

    private record Key(String condition, Map<String, Object> parameters) {
    }

    private final Cache<Key, Long> totals;
    private final boolean enabled;
    private final BiFunction<String, Parameters, Long> counter;

    @Inject
    public WorkCounts(@ConfigProperty(name = "kepu.works.total-count-ttl", defaultValue = "10s") Duration ttl) {
        this(ttl, (condition, params) -> Work.count("from Work w where " + condition, params));
    }

    /** For tests: {@code counter} counts the works matching a condition. */
    WorkCounts(Duration ttl, BiFunction<String, Parameters, Long> counter) {
        this.enabled = !ttl.isZero() && !ttl.isNegative();
        this.totals = Caffeine.newBuilder().expireAfterWrite(enabled ? ttl : Duration.ofMillis(1))
                .maximumSize(10_000).build();
        this.counter = counter;
    }

    long count(String condition, Parameters params) {
        if (!enabled) {
            return counter.apply(condition, params);
        }
        Parameters rounded = roundedToTheSecond(params);
        return totals.get(new Key(condition, Map.copyOf(rounded.map())), key -> counter.apply(condition, rounded));
    }

    private static Parameters roundedToTheSecond(Parameters params) {
        Map<String, Object> values = new LinkedHashMap<>(params.map());
        values.replaceAll((name, value) -> value instanceof Instant at ? at.truncatedTo(ChronoUnit.SECONDS) : value);
        Parameters rounded = new Parameters();
        values.forEach(rounded::and);
        return rounded;
    }
}
