package cn.kepu.media.audit;

import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.identity.RoleGrants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Audits role grants: identity fires {@link RoleGrants.RoleGrantChanged} inside the grant's transaction and this
 * observer appends the event there (actions {@code ROLE_GRANTED} / {@code ROLE_REVOKED}, entity {@code Account}),
 * so a grant and its record commit together. Identity cannot call the audit log itself: audit sits above it.
 */
@ApplicationScoped
public class RoleGrantAudit {

    static final String GRANTED = "ROLE_GRANTED";
    static final String REVOKED = "ROLE_REVOKED";

    private final AuditLog audit;
    private final EntityManager em;
    private final Caller caller;

    public RoleGrantAudit(AuditLog audit, EntityManager em, Caller caller) {
        this.audit = audit;
        this.em = em;
        this.caller = caller;
    }

    void record(@Observes RoleGrants.RoleGrantChanged change) {
        audit.record(null, change.granted() ? GRANTED : REVOKED, "Account", change.accountId(), change.role().name());
    }

    /** Role grants and revocations, newest first, of one account or of all; organizers only. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditLog.Event> changes(UUID accountId, int limit, Long beforeSeq) {
        caller.requireAny(Role.ORGANIZER);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + AuditLog.COLUMNS
                        + " from audit_event where action in (?1, ?2) and entity_type = 'Account'"
                        + " and (cast(?3 as text) is null or entity_id = ?3)"
                        + " and (cast(?4 as bigint) is null or seq < ?4) order by seq desc limit ?5")
                .setParameter(1, GRANTED)
                .setParameter(2, REVOKED)
                .setParameter(3, accountId == null ? null : accountId.toString())
                .setParameter(4, beforeSeq)
                .setParameter(5, limit)
                .getResultList();
        return rows.stream().map(AuditLog::event).toList();
    }
}
