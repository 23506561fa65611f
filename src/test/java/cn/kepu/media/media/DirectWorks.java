package cn.kepu.media.media;

import cn.kepu.media.identity.Region;
import cn.kepu.media.works.Creator;
import cn.kepu.media.works.Licence;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkKind;
import cn.kepu.media.works.WorkStatus;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Published works of entrant1 and their verified originals, made straight in the stores (not through uploads and
 * moderation) for tests of what outlets do with published works, and removed again — objects included: nothing else
 * deletes objects stored this way, and MediaUploadTest's consistency report would find them orphaned.
 */
final class DirectWorks {

    static final UUID OWNER = UUID.nameUUIDFromBytes("demo-account:entrant1".getBytes(StandardCharsets.UTF_8));

    private final List<UUID> created = new CopyOnWriteArrayList<>();

    /** A published photo work, not yet persisted (callers may change it first; see {@link #persist}). */
    static Work newPublished(String title, String creditLine, Licence licence) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Work work = new Work();
        work.id = UUID.randomUUID();
        work.ownerId = OWNER;
        work.kind = WorkKind.PHOTO;
        work.title = title;
        work.description = "";
        work.topicCodes.add("GENERAL_SCIENCE");
        work.creators.add(new Creator(creditLine, null, null, null));
        work.region = Region.BEIJING;
        work.creditLine = creditLine;
        work.licence = licence;
        work.status = WorkStatus.PUBLISHED;
        work.publishedAt = now.minusSeconds(60);
        work.createdAt = now;
        work.updatedAt = now;
        return work;
    }

    UUID published(String title, String creditLine, Licence licence) {
        return persist(newPublished(title, creditLine, licence));
    }

    UUID persist(Work work) {
        QuarkusTransaction.requiringNew().run(work::persist);
        created.add(work.id);
        return work.id;
    }

    /** Stores the JPEG as the work's original and its verified asset row; returns the asset id. */
    UUID storeJpeg(UUID work, String fileName, byte[] jpeg, int width, int height) {
        UUID asset = UUID.randomUUID();
        String key = "originals/" + work + "/" + asset;
        Arc.container().instance(MediaStorage.class).get().put(key, jpeg, "image/jpeg");
        QuarkusTransaction.requiringNew().run(() -> Work.getEntityManager().createNativeQuery("""
                        insert into media_asset (id, work_id, owner_id, object_key, file_name, mime_type, size_bytes,
                                                 sha256, width, height, created_at)
                        values (?1, ?2, ?3, ?4, ?5, 'image/jpeg', ?6, ?7, ?8, ?9, now())""")
                .setParameter(1, asset).setParameter(2, work).setParameter(3, OWNER).setParameter(4, key)
                .setParameter(5, fileName).setParameter(6, (long) jpeg.length)
                .setParameter(7, MediaFixtures.sha256(jpeg)).setParameter(8, width).setParameter(9, height)
                .executeUpdate());
        return asset;
    }

    /** Removes the works made here and every original stored under them. */
    void deleteAll() {
        if (created.isEmpty()) {
            return;
        }
        MediaStorage objects = Arc.container().instance(MediaStorage.class).get();
        created.forEach(work -> objects.listKeys("originals/" + work + "/").forEach(objects::remove));
        QuarkusTransaction.requiringNew().run(() -> Work.delete("id in ?1", created));
        created.clear();
    }
}
