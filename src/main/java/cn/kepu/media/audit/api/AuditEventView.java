package cn.kepu.media.audit.api;

import cn.kepu.media.audit.AuditLog;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** {@code detail} is in the reader's language (Accept-Language); events recorded before V162 show their stored text. */
@Name("AuditEvent")
public record AuditEventView(long seq, @NonNull Instant at, @NonNull String actor, @NonNull String action,
        @NonNull String entityType, @NonNull String entityId, @NonNull String detail) {

    public static AuditEventView of(AuditLog.Event e, Locale locale) {
        return new AuditEventView(e.seq(), e.at(), e.actor(), e.action(), e.entityType(), e.entityId(),
                e.detailIn(locale));
    }
}
