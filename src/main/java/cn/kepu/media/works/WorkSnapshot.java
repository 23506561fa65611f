package cn.kepu.media.works;

import cn.kepu.media.identity.Region;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The columns of a work that the API shows, as a read-only value: what {@link WorkService#visibleWithParts} reads in
 * plain SQL, and what an entity is reduced to before it is mapped to the API. A value, not an entity, so a partial
 * read can never be persisted, merged or mistaken for the whole work (owner, labels and files are not here).
 */
public record WorkSnapshot(UUID id, WorkKind kind, String title, String titleEn, String description,
        String descriptionEn, List<String> tags, Region region, String creditLine, Licence licence, WorkStatus status,
        Instant publishedAt, Instant createdAt, Instant updatedAt, long version, boolean hasFiles) {

    public static WorkSnapshot of(Work work) {
        return new WorkSnapshot(work.id, work.kind, work.title, work.titleEn, work.description, work.descriptionEn,
                List.of(work.tags), work.region, work.creditLine, work.licence, work.status, work.publishedAt,
                work.createdAt, work.updatedAt, work.version, work.hasFiles);
    }
}
