package cn.kepu.media.notifications;

import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which kinds of notification a person gets: every kind is on until they switch it off. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class NotificationPreferences {

    public record Preference(NotificationKind kind, boolean enabled) {
    }

    private final Caller caller;
    private final EntityManager em;

    public NotificationPreferences(Caller caller, EntityManager em) {
        this.caller = caller;
        this.em = em;
    }

    /** The caller's switch for every kind, in the kinds' order. */
    public List<Preference> mine() {
        Account me = caller.requireAccount();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select kind, enabled from notification_preference where account_id = ?1")
                .setParameter(1, me.id).getResultList();
        Map<String, Boolean> set = new HashMap<>();
        rows.forEach(r -> set.put((String) r[0], (Boolean) r[1]));
        return Arrays.stream(NotificationKind.values())
                .map(kind -> new Preference(kind, set.getOrDefault(kind.name(), true))).toList();
    }

    /**
     * Switches one kind on or off for the caller. Off also drops what of that kind still waits in the outbox (the
     * sender checks again before mailing, for rows already claimed).
     */
    @Transactional
    public Preference set(NotificationKind kind, boolean enabled) {
        Account me = caller.requireAccount();
        em.createNativeQuery("""
                        insert into notification_preference (account_id, kind, enabled) values (?1, ?2, ?3)
                        on conflict (account_id, kind) do update set enabled = excluded.enabled""")
                .setParameter(1, me.id).setParameter(2, kind.name()).setParameter(3, enabled).executeUpdate();
        if (!enabled) {
            em.createNativeQuery("""
                            update notification_outbox set state = 'SKIPPED', last_error = 'switched off by the recipient'
                             where recipient_id = ?1 and kind = ?2 and state = 'PENDING'""")
                    .setParameter(1, me.id).setParameter(2, kind.name()).executeUpdate();
        }
        return new Preference(kind, enabled);
    }
}
