package cn.kepu.media.media;

import cn.kepu.media.shared.cluster.PostgresNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;

/**
 * "An upload session changed" (it went to VERIFYING, or got its verdict), for the owner's live subscription. Sent
 * inside the transaction that made the change and delivered after its commit to every instance through PostgreSQL
 * ({@link PostgresNotifications}), so an owner watching on one instance hears a verdict reached on another.
 * Delivery is at most once: subscribers re-read the session, and start from its current state.
 */
@ApplicationScoped
public class UploadEvents {

    /** The PostgreSQL channel every instance listens on; payload "uploadId,ownerId". */
    public static final String CHANNEL = "kepu_upload_changed";

    /** An upload session's status changed; {@code ownerId} is who may hear about it. */
    public record UploadChanged(UUID uploadId, UUID ownerId) {
    }

    private final BroadcastProcessor<UploadChanged> changes = BroadcastProcessor.create();
    private final PostgresNotifications notifications;

    public UploadEvents(PostgresNotifications notifications) {
        this.notifications = notifications;
    }

    /** Announces a change of the session, as part of the current transaction (sent only if it commits). */
    void changed(UploadSession session) {
        notifications.send(CHANNEL, session.id + "," + session.ownerId);
    }

    /**
     * {@link #changed} for the {@code upload_session} rows of {@code relation} as an SQL table function, for a
     * statement that changes sessions and announces them in one round trip: {@code FROM changed, <this>} (one call per
     * row; sent only if the statement's transaction commits, as {@link #changed}).
     */
    static String announcedIn(String relation) {
        return "pg_notify('" + CHANNEL + "', cast(" + relation + ".id as text) || ',' || cast(" + relation
                + ".owner_id as text))";
    }

    void listen(@Observes StartupEvent start) {
        notifications.subscribe(CHANNEL, payload -> PostgresNotifications.idPair(payload)
                .ifPresent(ids -> changes.onNext(new UploadChanged(ids[0], ids[1]))));
    }

    /** Changes of one upload of one owner, from every instance. */
    public Multi<UploadChanged> changesOf(UUID uploadId, UUID ownerId) {
        return changes.filter(e -> e.uploadId().equals(uploadId) && e.ownerId().equals(ownerId));
    }
}
