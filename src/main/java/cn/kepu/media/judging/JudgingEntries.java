package cn.kepu.media.judging;

import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.contests.SubmissionEvents;
import cn.kepu.media.moderation.AwardedEntries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Judging's side of the features below it: the awards publication review asks about ({@link AwardedEntries}, owned
 * by moderation) and the clean-up when an entry is withdrawn ({@link SubmissionEvents.Withdrawn}, declared by
 * contests).
 */
@ApplicationScoped
public class JudgingEntries implements AwardedEntries {

    private final AuditLog audit;
    private final EntityManager em;

    public JudgingEntries(AuditLog audit, EntityManager em) {
        this.audit = audit;
        this.em = em;
    }

    @Override
    public Set<UUID> awardedIn(UUID contestId) {
        Set<UUID> ids = new HashSet<>();
        Award.<Award>list("contestId", contestId).forEach(a -> ids.add(a.submissionId));
        return ids;
    }

    @Override
    public boolean isAwarded(UUID submissionId) {
        return Award.findById(submissionId) != null;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void removeAward(UUID submissionId, Msg reason) {
        Award award = Award.findById(submissionId);
        if (award == null) {
            return;
        }
        award.delete();
        audit.record(award.contestId, "AWARD_REMOVED", "Submission", submissionId,
                Msg.of("judging.audit.awardRemoved", reason));
    }

    /** A withdrawn entry leaves every later round and loses its award, in the withdrawing transaction. */
    void onWithdrawn(@Observes SubmissionEvents.Withdrawn withdrawn) {
        em.createNativeQuery("delete from round_entry where submission_id = ?1")
                .setParameter(1, withdrawn.submissionId()).executeUpdate();
        em.createNativeQuery("delete from award where submission_id = ?1")
                .setParameter(1, withdrawn.submissionId()).executeUpdate();
    }
}
