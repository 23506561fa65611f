package cn.kepu.media.media;

import cn.kepu.media.works.Licence;
import cn.kepu.media.works.MediaFacts;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkMediaFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Batch reads of verified files, one query per call whatever the number of works: used by the {@code Work.media}
 * field and, as {@link WorkMediaFacts}, by contest rules and search. Visibility is the caller's concern: these
 * methods are reached only for works the caller may see.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
// The search indexer reads facts from its own worker threads, where no request context (and so no session) exists.
@ActivateRequestContext
public class MediaReads implements WorkMediaFacts {

    public Map<UUID, List<MediaAsset>> assetsOf(Collection<UUID> workIds) {
        if (workIds.isEmpty()) {
            return Map.of();
        }
        return MediaAsset.<MediaAsset>list("workId in ?1 order by createdAt, id", workIds).stream()
                .collect(Collectors.groupingBy(a -> a.workId, HashMap::new, Collectors.toList()));
    }

    /** Verified files by id (an accepted upload's asset has its session's id). */
    public Map<UUID, MediaAsset> assetsByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return MediaAsset.<MediaAsset>list("id in ?1", ids).stream()
                .collect(Collectors.toMap(a -> a.id, a -> a));
    }

    /** The ready rendition behind a blind key (a signed rendition URL's name), if any. */
    @Transactional
    public java.util.Optional<Rendition> readyRendition(String blindKey) {
        return Rendition.<Rendition>find("blindKey = ?1 and status = ?2", blindKey, RenditionStatus.READY)
                .firstResultOptional();
    }

    public Map<UUID, List<Rendition>> renditionsOf(Collection<UUID> assetIds) {
        if (assetIds.isEmpty()) {
            return Map.of();
        }
        return Rendition.<Rendition>list("key.assetId in ?1 order by key.kind", assetIds).stream()
                .collect(Collectors.groupingBy(r -> r.key.assetId(), HashMap::new, Collectors.toList()));
    }

    /** How each work must be credited and under which licence it is offered. */
    public record Credit(String creditLine, Licence licence) {
    }

    public Map<UUID, Credit> creditOf(Collection<UUID> workIds) {
        if (workIds.isEmpty()) {
            return Map.of();
        }
        return Work.<Work>list("id in ?1", workIds).stream()
                .collect(Collectors.toMap(w -> w.id, w -> new Credit(w.creditLine, w.licence)));
    }

    /** Also asked from a reindex's reading threads, which have no request of their own: a context per call then. */
    @Override
    @ActivateRequestContext
    public Map<UUID, List<MediaFacts>> factsOf(Collection<UUID> workIds) {
        Map<UUID, List<MediaFacts>> facts = new HashMap<>();
        assetsOf(workIds).forEach((work, assets) -> facts.put(work, assets.stream()
                .map(a -> new MediaFacts(a.id, a.mimeType, a.sizeBytes, a.width, a.height, a.durationSeconds))
                .toList()));
        return facts;
    }

    /** Plain SQL on the caller's connection: no session, no entities (a reindex reads 100 000 works' facts). */
    @Override
    public Map<UUID, List<MediaFacts>> factsOf(Connection connection, Collection<UUID> workIds) throws SQLException {
        Map<UUID, List<MediaFacts>> facts = new HashMap<>();
        if (workIds.isEmpty()) {
            return facts;
        }
        try (PreparedStatement select = connection.prepareStatement("""
                select work_id, id, mime_type, size_bytes, width, height, duration_seconds from media_asset
                 where work_id = any(?) order by created_at, id""")) {
            select.setArray(1, connection.createArrayOf("uuid", workIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    facts.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>()).add(new MediaFacts(
                            rows.getObject(2, UUID.class), rows.getString(3), rows.getLong(4),
                            rows.getObject(5, Integer.class), rows.getObject(6, Integer.class),
                            rows.getObject(7, Double.class)));
                }
            }
        }
        return facts;
    }
}
