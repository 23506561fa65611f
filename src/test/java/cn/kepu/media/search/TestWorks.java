package cn.kepu.media.search;

import cn.kepu.media.identity.Region;
import cn.kepu.media.works.Creator;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkKind;
import cn.kepu.media.works.WorkStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works written straight through the entity, the way the moderation and publication features will write them: the
 * foundation has no publish mutation yet, and search must pick up any committed change, whoever makes it.
 */
final class TestWorks {

    static final UUID ENTRANT1 = UUID.nameUUIDFromBytes("demo-account:entrant1".getBytes());

    /** Every work made here, so {@link #deleteAll()} leaves the shared test database as other classes expect it. */
    private static final Set<UUID> CREATED = ConcurrentHashMap.newKeySet();

    private TestWorks() {
    }

    record Spec(String title, String titleEn, String description, WorkKind kind, WorkStatus status,
            Instant publishedAt, Set<String> topics, List<String> tags, String creator) {

        static Spec published(String title) {
            return new Spec(title, null, "", WorkKind.POSTER, WorkStatus.PUBLISHED, now().minusSeconds(60),
                    Set.of("GENERAL_SCIENCE"), List.of(), "测试作者");
        }

        Spec titleEn(String value) {
            return new Spec(title, value, description, kind, status, publishedAt, topics, tags, creator);
        }

        Spec description(String value) {
            return new Spec(title, titleEn, value, kind, status, publishedAt, topics, tags, creator);
        }

        Spec kind(WorkKind value) {
            return new Spec(title, titleEn, description, value, status, publishedAt, topics, tags, creator);
        }

        Spec status(WorkStatus value, Instant at) {
            return new Spec(title, titleEn, description, kind, value, at, topics, tags, creator);
        }

        Spec tags(String... values) {
            return new Spec(title, titleEn, description, kind, status, publishedAt, topics, List.of(values), creator);
        }
    }

    static UUID create(Spec spec) {
        return QuarkusTransaction.requiringNew().call(() -> persist(spec).id);
    }

    /** Builds and persists a work in the caller's transaction. */
    static Work persist(Spec spec) {
        Work work = new Work();
        work.id = UUID.randomUUID();
        work.ownerId = ENTRANT1;
        work.kind = spec.kind();
        work.title = spec.title();
        work.titleEn = spec.titleEn();
        work.description = spec.description();
        work.tags = spec.tags().toArray(String[]::new);
        work.topicCodes.addAll(spec.topics());
        work.creators.add(new Creator(spec.creator(), null, "测试单位", null));
        work.region = Region.BEIJING;
        work.creditLine = spec.creator();
        work.licence = Licence.CC_BY_4_0;
        work.status = spec.status();
        work.publishedAt = spec.publishedAt();
        work.createdAt = now();
        work.updatedAt = work.createdAt;
        work.persist();
        CREATED.add(work.id);
        return work;
    }

    /** Deletes the works made here (rows of rolled-back transactions simply are not found). */
    static void deleteAll() {
        List<UUID> ids = List.copyOf(CREATED);
        if (!ids.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> Work.delete("id in ?1", ids));
            CREATED.removeAll(ids);
        }
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
