package cn.kepu.media.collections;

import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkStatus;
import cn.kepu.media.works.WorkVisibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Everyone may read collections (showing only works they may see); only organizers curate them. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CollectionService {

    private static final int MAX_WORKS = 500;

    private final Caller caller;
    private final Clock clock;

    public CollectionService(Caller caller, Clock clock) {
        this.caller = caller;
        this.clock = clock;
    }

    public List<WorkCollection> list(int limit) {
        return WorkCollection.find("order by createdAt desc, id desc").range(0, limit - 1).list();
    }

    /** @throws ApiException NOT_FOUND for unknown ids */
    public WorkCollection get(String id) {
        WorkCollection collection = WorkCollection.findById(Ids.parse(id, "id"));
        if (collection == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "id", Msg.of("collections.notFound", id));
        }
        return collection;
    }

    @Transactional
    public WorkCollection create(CollectionInput input) {
        caller.requireAny(Role.ORGANIZER);
        WorkCollection collection = new WorkCollection();
        collection.id = UUID.randomUUID();
        collection.createdAt = now();
        apply(input, collection);
        collection.persist();
        em().flush();
        replaceWorks(collection.id, input.workIds());
        return collection;
    }

    /** @param expectedVersion the version last read; another current version is a CONFLICT */
    @Transactional
    public WorkCollection update(String id, long expectedVersion, CollectionInput input) {
        caller.requireAny(Role.ORGANIZER);
        WorkCollection collection = get(id);
        if (collection.version != expectedVersion) {
            throw new ApiException(ErrorCode.CONFLICT, "version",
                    Msg.of("collections.version.conflict", id, collection.version, expectedVersion));
        }
        apply(input, collection);
        em().flush();
        replaceWorks(collection.id, input.workIds());
        return collection;
    }

    @Transactional
    public boolean delete(String id) {
        caller.requireAny(Role.ORGANIZER);
        WorkCollection collection = get(id);
        // Rows first, so the trigger re-indexes every member before the collection is gone.
        em().createNativeQuery("delete from collection_work where collection_id = ?1")
                .setParameter(1, collection.id).executeUpdate();
        collection.delete();
        return true;
    }

    /** Member works in curated order, restricted to what the caller may see; one statement for all collections. */
    public Map<UUID, List<Work>> worksOf(Collection<UUID> collectionIds) {
        Map<UUID, List<Work>> byCollection = new HashMap<>();
        if (collectionIds.isEmpty()) {
            return byCollection;
        }
        Map<String, Object> params = new HashMap<>();
        String visible = WorkVisibility.of(caller, clock.instant()).hql("w", params::put).map(c -> " and " + c)
                .orElse("");
        var query = em().createQuery("""
                        select cw.collectionId, w from CollectionWork cw join Work w on w.id = cw.workId
                        where cw.collectionId in :ids""" + visible + " order by cw.collectionId, cw.position",
                        Object[].class)
                .setParameter("ids", collectionIds);
        params.forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        for (Object[] row : rows) {
            byCollection.computeIfAbsent((UUID) row[0], k -> new ArrayList<>()).add((Work) row[1]);
        }
        return byCollection;
    }

    private void replaceWorks(UUID collectionId, List<String> workIds) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < workIds.size(); i++) {
            ids.add(Ids.parse(workIds.get(i), "input.workIds[" + i + "]"));
        }
        Set<UUID> unique = new LinkedHashSet<>(ids);
        if (unique.size() != ids.size()) {
            throw new ApiException(ErrorCode.VALIDATION, "input.workIds", Msg.of("collections.works.duplicate"));
        }
        if (ids.size() > MAX_WORKS) {
            throw new ApiException(ErrorCode.VALIDATION, "input.workIds", Msg.of("collections.works.tooMany", MAX_WORKS));
        }
        Set<UUID> published = new LinkedHashSet<>(em().createQuery(
                        "select w.id from Work w where w.id in :ids and w.status = :published", UUID.class)
                .setParameter("ids", unique).setParameter("published", WorkStatus.PUBLISHED).getResultList());
        for (int i = 0; i < ids.size(); i++) {
            if (!published.contains(ids.get(i))) {
                throw new ApiException(ErrorCode.VALIDATION, "input.workIds[" + i + "]",
                        Msg.of("collections.works.notPublished", ids.get(i)));
            }
        }
        // Only changed memberships are written, so the trigger re-indexes just the works that moved in or out
        // (a position change rewrites the row and re-indexes that work, which is harmless).
        em().createNativeQuery("delete from collection_work where collection_id = ?1 and not (work_id = any(?2))")
                .setParameter(1, collectionId).setParameter(2, ids.toArray(UUID[]::new)).executeUpdate();
        for (int i = 0; i < ids.size(); i++) {
            em().createNativeQuery("""
                            insert into collection_work (collection_id, work_id, position) values (?1, ?2, ?3)
                            on conflict (collection_id, work_id) do update set position = excluded.position
                            where collection_work.position <> excluded.position""")
                    .setParameter(1, collectionId).setParameter(2, ids.get(i)).setParameter(3, i).executeUpdate();
        }
    }

    private void apply(CollectionInput input, WorkCollection collection) {
        collection.title = input.title().strip();
        collection.titleEn = input.titleEn() == null || input.titleEn().isBlank() ? null : input.titleEn().strip();
        collection.description = input.description() == null ? "" : input.description().strip();
        collection.updatedAt = now();
    }

    private static EntityManager em() {
        return WorkCollection.getEntityManager();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
