package cn.kepu.media.search;

import cn.kepu.media.works.WorkVisibility;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Matches works that just became public against the saved searches and announces each match once
 * ({@link SavedSearchEvents.Matched}; notifications mails it in the outlet's language).
 *
 * <p>Publishing, however it happens, queues the work in {@code saved_search_pending} (a trigger, schema/sql V135). A
 * pass takes the queued works whose documents are indexed (no search outbox row left) and asks the index which of
 * them the public can see now: those are matched against every saved search with alerts on, exactly as searchWorks
 * would find them, and leave the queue in the same transaction as the announcements. A work not visible yet (the
 * index not refreshed, an embargo) stays queued and is checked again. Rows are claimed with {@code SKIP LOCKED}, so
 * several instances scan side by side; the notification's idempotency key ({@code saved-search:<search>:<work>})
 * makes a repeated announcement harmless.
 */
@ApplicationScoped
public class SavedSearchAlerts {

    private static final Logger LOG = Logger.getLogger(SavedSearchAlerts.class);
    private static final int BATCH = 200;
    private static final int SEARCHES_PER_READ = 500;

    private final EntityManager em;
    private final SearchService search;
    private final Event<SavedSearchEvents.Matched> matched;
    private final ObjectMapper json;
    private final Clock clock;

    public SavedSearchAlerts(EntityManager em, SearchService search, Event<SavedSearchEvents.Matched> matched,
            ObjectMapper json, Clock clock) {
        this.em = em;
        this.search = search;
        this.matched = matched;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${kepu.search.saved-search-alerts-every}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.warn("Saved-search alert pass failed; the works stay queued for the next pass", e);
        }
    }

    /**
     * Passes over the queue until it holds nothing ready (one transaction per batch of works); returns how many
     * (search, work) matches were announced.
     */
    public int scan() {
        Instant start = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int announced = 0;
        while (true) {
            Pass pass = QuarkusTransaction.requiringNew().call(() -> pass(start));
            announced += pass.announced();
            if (pass.claimed() < BATCH) {
                return announced;
            }
        }
    }

    private record Pass(int claimed, int announced) {
    }

    /** Works checked since {@code start} (not visible yet) wait for the next scan, so a scan always ends. */
    private Pass pass(Instant start) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // Unpublished again (taken down, results withdrawn) before anyone was told: nothing to announce.
        em.createNativeQuery("""
                        delete from saved_search_pending p using work w
                         where w.id = p.work_id and w.status <> 'PUBLISHED'""").executeUpdate();
        // Works the public may see now (the works' own rule, rendered with JDBC placeholders bound in order).
        List<Object> params = new ArrayList<>();
        String isPublic = WorkVisibility.publicAt(now).sql("w", params).orElseThrow();
        params.add(start);
        params.add(BATCH);
        var query = em.createNativeQuery("""
                        select p.work_id, w.title from saved_search_pending p join work w on w.id = p.work_id
                         where""" + " " + isPublic + """

                           and not exists (select 1 from search_outbox o where o.work_id = p.work_id)
                           and (p.checked_at is null or p.checked_at < ?)
                         order by p.checked_at nulls first, p.queued_at, p.work_id
                         limit ?
                           for update of p skip locked""");
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        if (rows.isEmpty()) {
            return new Pass(0, 0);
        }
        Map<UUID, String> titles = new HashMap<>();
        rows.forEach(r -> titles.put((UUID) r[0], (String) r[1]));
        if (SavedSearch.count("alerts", true) == 0) {
            // Nobody to tell: these works are matched against nothing, and later searches only see later works.
            em.createNativeQuery("delete from saved_search_pending where work_id = any(?1)")
                    .setParameter(1, titles.keySet().toArray(UUID[]::new)).executeUpdate();
            return new Pass(rows.size(), 0);
        }
        Set<UUID> visible = search.publiclyVisible(titles.keySet());
        List<UUID> waiting = titles.keySet().stream().filter(id -> !visible.contains(id)).toList();
        if (!waiting.isEmpty()) {
            em.createNativeQuery("update saved_search_pending set checked_at = ?1 where work_id = any(?2)")
                    .setParameter(1, now).setParameter(2, waiting.toArray(UUID[]::new)).executeUpdate();
        }
        if (visible.isEmpty()) {
            return new Pass(rows.size(), 0);
        }
        em.createNativeQuery("delete from saved_search_pending where work_id = any(?1)")
                .setParameter(1, visible.toArray(UUID[]::new)).executeUpdate();
        int announced = 0;
        UUID after = null;
        while (true) {
            List<SavedSearch> searches = (after == null
                    ? SavedSearch.<SavedSearch>find("alerts = true order by id")
                    : SavedSearch.<SavedSearch>find("alerts = true and id > ?1 order by id", after))
                    .page(0, SEARCHES_PER_READ).list();
            if (searches.isEmpty()) {
                return new Pass(rows.size(), announced);
            }
            after = searches.getLast().id;
            Map<UUID, SavedSearch> byId = new HashMap<>();
            List<SearchService.SavedQuery> queries = new ArrayList<>();
            for (SavedSearch s : searches) {
                byId.put(s.id, s);
                queries.add(new SearchService.SavedQuery(s.id, s.query, read(s)));
            }
            for (var match : search.matchSaved(queries, visible).entrySet()) {
                SavedSearch s = byId.get(match.getKey());
                for (UUID work : match.getValue()) {
                    matched.fire(new SavedSearchEvents.Matched(s.accountId, s.id, s.name, work, titles.get(work)));
                    announced++;
                }
            }
            if (searches.size() < SEARCHES_PER_READ) {
                return new Pass(rows.size(), announced);
            }
        }
    }

    private JsonNode read(SavedSearch s) {
        try {
            return json.readTree(s.filter);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
