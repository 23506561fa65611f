package cn.kepu.media.audit;

import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.shared.error.MsgJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Appends audit events inside the caller's transaction, so a change and its record commit or fail together. */
@ApplicationScoped
public class AuditLog {

    /**
     * {@code detail} is the stored text; {@code message}, when the event was recorded with one, the same detail as a
     * message key and arguments, rendered in each reader's language by {@link #detailIn}.
     */
    public record Event(long seq, Instant at, String actor, UUID contestId, String action, String entityType,
            String entityId, String detail, Msg message) {

        public Event(long seq, Instant at, String actor, UUID contestId, String action, String entityType,
                String entityId, String detail) {
            this(seq, at, actor, contestId, action, entityType, entityId, detail, null);
        }

        /** The detail for a person reading {@code locale}; events recorded before V162 show their stored text. */
        public String detailIn(Locale locale) {
            return message == null ? detail : message.in(locale);
        }
    }

    /** The columns {@link #event} reads, in its order. */
    public static final String COLUMNS = "seq, at, actor, contest_id, action, entity_type, entity_id, detail,"
            + " cast(detail_msg as text)";

    private final EntityManager em;
    private final Caller caller;

    public AuditLog(EntityManager em, Caller caller) {
        this.em = em;
        this.caller = caller;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID contestId, String action, String entityType, Object entityId, String detail) {
        em.createNativeQuery("insert into audit_event (actor, contest_id, action, entity_type, entity_id, detail)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, caller.subject().orElse("system"))
                .setParameter(2, contestId)
                .setParameter(3, action)
                .setParameter(4, entityType)
                .setParameter(5, String.valueOf(entityId))
                .setParameter(6, detail == null ? "" : detail)
                .executeUpdate();
    }

    /**
     * Appends an event whose detail a person reads: stored as key and arguments and rendered in the reader's language
     * when read; the English text goes into {@code detail} too, for tools reading the table and older instances.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID contestId, String action, String entityType, Object entityId, Msg detail) {
        em.createNativeQuery("insert into audit_event (actor, contest_id, action, entity_type, entity_id, detail,"
                        + " detail_msg) values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb))")
                .setParameter(1, caller.subject().orElse("system"))
                .setParameter(2, contestId)
                .setParameter(3, action)
                .setParameter(4, entityType)
                .setParameter(5, String.valueOf(entityId))
                .setParameter(6, detail.in(Messages.ENGLISH))
                .setParameter(7, MsgJson.write(detail))
                .executeUpdate();
    }

    /** {@link #recordAll(UUID, String, String, String[], String[])} with details a person reads (see above). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(UUID contestId, String action, String entityType, String[] entityIds, Msg[] details) {
        String[] texts = new String[details.length];
        String[] json = new String[details.length];
        for (int i = 0; i < details.length; i++) {
            texts[i] = details[i].in(Messages.ENGLISH);
            json[i] = MsgJson.write(details[i]);
        }
        em.createNativeQuery("insert into audit_event (actor, contest_id, action, entity_type, entity_id, detail,"
                        + " detail_msg) select ?1, ?2, ?3, ?4, unnest(cast(?5 as text[])), unnest(cast(?6 as text[])),"
                        + " cast(unnest(cast(?7 as text[])) as jsonb)")
                .setParameter(1, caller.subject().orElse("system"))
                .setParameter(2, contestId)
                .setParameter(3, action)
                .setParameter(4, entityType)
                .setParameter(5, entityIds)
                .setParameter(6, texts)
                .setParameter(7, json)
                .executeUpdate();
    }

    /** Appends one event per entity in a single statement, for bulk operations such as automatic assignment. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(UUID contestId, String action, String entityType, String[] entityIds, String[] details) {
        em.createNativeQuery("insert into audit_event (actor, contest_id, action, entity_type, entity_id, detail)"
                        + " select ?1, ?2, ?3, ?4, unnest(cast(?5 as text[])), unnest(cast(?6 as text[]))")
                .setParameter(1, caller.subject().orElse("system"))
                .setParameter(2, contestId)
                .setParameter(3, action)
                .setParameter(4, entityType)
                .setParameter(5, entityIds)
                .setParameter(6, details)
                .executeUpdate();
    }

    /** Whether the contest's log has an event with this action (e.g. a correction happened before). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean hasAction(UUID contestId, String action) {
        return !em.createNativeQuery("select 1 from audit_event where contest_id = ?1 and action = ?2 limit 1")
                .setParameter(1, contestId).setParameter(2, action).getResultList().isEmpty();
    }

    /** Newest first; organizers only. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Event> ofContest(UUID contestId, String action, int limit, Long beforeSeq) {
        caller.requireAny(Role.ORGANIZER);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS
                        + " from audit_event where contest_id = ?1 and (cast(?2 as text) is null or action = ?2)"
                        + " and (cast(?3 as bigint) is null or seq < ?3) order by seq desc limit ?4")
                .setParameter(1, contestId)
                .setParameter(2, action)
                .setParameter(3, beforeSeq)
                .setParameter(4, limit)
                .getResultList();
        return rows.stream().map(AuditLog::event).toList();
    }

    /** Newest first, the events about one entity (e.g. a work's publication, takedowns); organizers only. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Event> ofEntity(String entityType, String entityId, int limit) {
        caller.requireAny(Role.ORGANIZER);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COLUMNS
                        + " from audit_event where entity_type = ?1 and entity_id = ?2 order by seq desc limit ?3")
                .setParameter(1, entityType)
                .setParameter(2, entityId)
                .setParameter(3, limit)
                .getResultList();
        return rows.stream().map(AuditLog::event).toList();
    }

    /** An event from a row of {@code select } {@link #COLUMNS}. */
    static Event event(Object[] r) {
        return new Event(((Number) r[0]).longValue(), instant(r[1]), (String) r[2], (UUID) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], message(r.length > 8 ? r[8] : null));
    }

    /** A stored message, or none (then the stored text is shown); an unreadable one is shown as its stored text. */
    private static Msg message(Object json) {
        if (json == null) {
            return null;
        }
        try {
            return MsgJson.read(json.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> OffsetDateTime.parse(value.toString()).withOffsetSameInstant(ZoneOffset.UTC).toInstant();
        };
    }
}
