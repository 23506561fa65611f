package cn.kepu.media.notifications;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Reminds judges before a contest's judging deadline of the entries they have not scored yet: once per judge and
 * round (the idempotency key {@code reminder:<round>:<judge>}), with the count remaining at the time of the check.
 * Runs on every instance; the key makes concurrent checks write one row.
 */
@ApplicationScoped
public class JudgingReminders {

    private final EntityManager em;
    private final Clock clock;
    private final NotificationConfig config;

    public JudgingReminders(EntityManager em, Clock clock, NotificationConfig config) {
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "${kepu.notifications.reminder.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        remindJudges();
    }

    /** Enqueues the reminders due now; returns how many were written. */
    @Transactional
    public int remindJudges() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return em.createNativeQuery("""
                        insert into notification_outbox (id, idempotency_key, recipient_id, kind, params,
                            next_attempt_at, created_at)
                        select gen_random_uuid(), 'reminder:' || a.round_id || ':' || a.judge_id, a.judge_id,
                               'JUDGING_REMINDER',
                               jsonb_build_object('contestId', c.id, 'contestTitle', c.title, 'roundName', r.name,
                                   'remaining', count(*), 'zone', c.time_zone,
                                   'deadline', to_char(c.judging_closes_at at time zone 'UTC',
                                                       'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                               ?1, ?1
                          from assignment a
                          join contest_round r on r.id = a.round_id
                          join contest c on c.id = r.contest_id
                         where c.judging_closes_at > ?1 and c.judging_closes_at <= ?2
                           and c.results_published_at is null
                           and not exists (select 1 from score s where s.round_id = a.round_id
                                             and s.submission_id = a.submission_id and s.judge_id = a.judge_id)
                           and not exists (select 1 from notification_preference p where p.account_id = a.judge_id
                                             and p.kind = 'JUDGING_REMINDER' and not p.enabled)
                         group by a.round_id, a.judge_id, c.id, c.title, r.name, c.judging_closes_at, c.time_zone
                        on conflict (idempotency_key) do nothing""")
                .setParameter(1, now)
                .setParameter(2, now.plus(config.reminder().before()))
                .executeUpdate();
    }
}
