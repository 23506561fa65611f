package cn.kepu.media.search;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Brings download counts into the index in batches. The download log's trigger (schema/sql V135) counts each download
 * in {@code work_download_count} without touching the search outbox; this flush marks every work whose count moved
 * since its last pass as changed for search (one outbox row per work, however many downloads it had meanwhile) and
 * remembers the count it flushed. Rows being counted right now are skipped and caught by the next pass; several
 * instances flush side by side without taking the same rows.
 */
@ApplicationScoped
public class DownloadCountFlush {

    private static final int BATCH = 1000;

    private final EntityManager em;

    public DownloadCountFlush(EntityManager em) {
        this.em = em;
    }

    @Scheduled(every = "${kepu.search.downloads-flush-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        while (flush() == BATCH) {
            // a large backlog: keep going, one transaction per batch
        }
    }

    /** Marks up to one batch of works whose download count moved; returns how many. */
    @Transactional
    public int flush() {
        @SuppressWarnings("unchecked")
        List<Object[]> moved = em.createNativeQuery("""
                        select work_id, downloads from work_download_count
                         where downloads <> indexed
                         order by work_id limit ?1
                           for update skip locked""")
                .setParameter(1, BATCH).getResultList();
        if (moved.isEmpty()) {
            return 0;
        }
        UUID[] ids = moved.stream().map(r -> (UUID) r[0]).toArray(UUID[]::new);
        Long[] counts = moved.stream().map(r -> ((Number) r[1]).longValue()).toArray(Long[]::new);
        em.createNativeQuery("""
                        update work_download_count c set indexed = f.downloads
                          from unnest(cast(?1 as uuid[]), cast(?2 as bigint[])) as f(work_id, downloads)
                         where c.work_id = f.work_id""")
                .setParameter(1, ids).setParameter(2, counts).executeUpdate();
        // search_work_changed (schema/sql V20) bumps the search version and writes the outbox row.
        em.createNativeQuery("select count(search_work_changed(id) is null) from unnest(cast(?1 as uuid[])) id")
                .setParameter(1, ids).getSingleResult();
        return moved.size();
    }
}
