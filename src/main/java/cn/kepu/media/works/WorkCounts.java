package cn.kepu.media.works;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Totals of work listings ({@code totalCount}), cached briefly per condition.
 *
 * <p>A count visits every matching row: at a million published works it costs PostgreSQL tens of milliseconds, more
 * than the page itself, which reads 51 rows through an index. A total is a figure for "about how many", shown next
 * to a list; the page and its cursors stay exact. So a total may be up to {@code kepu.works.total-count-ttl} old
 * (default 10 s; 0 counts on every request). The key is the query's condition and parameters, which include the
 * caller's account where visibility depends on it, so one caller never sees a total computed for another's view.
 */
@ApplicationScoped
public class WorkCounts {

    private record Key(String condition, Map<String, Object> parameters) {
    }

    private final Cache<Key, Long> totals;
    private final boolean enabled;

    public WorkCounts(@ConfigProperty(name = "kepu.works.total-count-ttl", defaultValue = "10s") Duration ttl) {
        this.enabled = !ttl.isZero() && !ttl.isNegative();
        this.totals = Caffeine.newBuilder().expireAfterWrite(enabled ? ttl : Duration.ofMillis(1))
                .maximumSize(10_000).build();
    }

    long count(String condition, Parameters params) {
        if (!enabled) {
            return Work.count("from Work w where " + condition, params);
        }
        return totals.get(new Key(condition, Map.copyOf(params.map())),
                key -> Work.count("from Work w where " + condition, params));
    }
}
