package cn.kepu.media.moderation;

import cn.kepu.media.contests.Submission;
import cn.kepu.media.contests.SubmissionReads;
import cn.kepu.media.contests.SubmissionSummary;
import cn.kepu.media.contests.SubmissionStatus;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.paging.Cursor;
import cn.kepu.media.shared.paging.Page;
import cn.kepu.media.works.WorkKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One moderation queue across every contest and both stages, oldest first, optionally narrowed to a contest, a
 * stage or a kind of work: a moderator works through what waits without choosing a contest first. Publication
 * requests of works outside contests wait at the PUBLICATION stage too (they belong to no contest, so a contest
 * filter leaves them out).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ModerationInbox {

    /** A submission waiting for a decision at a stage, or (stage PUBLICATION) a publication request. */
    public record Item(ModerationStage stage, SubmissionSummary submission, PendingPublications.Pending publication) {
        public Item(ModerationStage stage, SubmissionSummary submission) {
            this(stage, submission, null);
        }

        public Cursor cursor() {
            return submission != null ? new Cursor(submission.updatedAt(), submission.id()) : publication.cursor();
        }
    }

    public record Filter(Optional<String> contestId, Optional<ModerationStage> stage, Optional<WorkKind> kind) {
    }

    private final Caller caller;
    private final SubmissionReads reads;
    private final PendingPublications publications;

    public ModerationInbox(Caller caller, SubmissionReads reads, PendingPublications publications) {
        this.caller = caller;
        this.reads = reads;
        this.publications = publications;
    }

    public Page<Item> page(Filter filter, int first, Optional<String> after) {
        caller.requireAny(Role.MODERATOR);
        Optional<UUID> contest = filter.contestId().map(id -> Ids.parse(id, "filter.contestId"));
        Optional<Cursor> cursor = after.map(Cursor::decode);
        List<Item> items = new ArrayList<>();
        for (ModerationStage stage : ModerationStage.values()) {
            if (filter.stage().map(stage::equals).orElse(true)) {
                reads.of(query(stage, contest, filter.kind(), cursor, first + 1))
                        .forEach(s -> items.add(new Item(stage, s)));
            }
        }
        if (contest.isEmpty() && filter.stage().map(ModerationStage.PUBLICATION::equals).orElse(true)) {
            publications.oldest(filter.kind(), cursor, first + 1)
                    .forEach(p -> items.add(new Item(ModerationStage.PUBLICATION, null, p)));
        }
        items.sort(Comparator.comparing((Item i) -> i.cursor().at()).thenComparing(i -> i.cursor().id()));
        return Page.fromOverfetched(items, first, -1);
    }

    private static List<Submission> query(ModerationStage stage, Optional<UUID> contest, Optional<WorkKind> kind,
            Optional<Cursor> after, int limit) {
        StringBuilder where = new StringBuilder(stage == ModerationStage.ENTRY
                ? "s.status = :status"
                : "s.status = :status and s.id in (select a.submissionId from Award a)"
                        + " and s.id not in (select d.submissionId from ModerationDecision d where d.stage = :stage"
                        + " and d.submissionId is not null)");
        contest.ifPresent(c -> where.append(" and s.contestId = :contest"));
        kind.ifPresent(k -> where.append(" and s.workId in (select w.id from Work w where w.kind = :kind)"));
        after.ifPresent(c -> where.append(" and (s.updatedAt > :at or (s.updatedAt = :at and s.id > :id))"));
        TypedQuery<Submission> q = Submission.getEntityManager().createQuery("select s from Submission s where "
                + where + " order by s.updatedAt, s.id", Submission.class);
        q.setParameter("status", stage == ModerationStage.ENTRY ? SubmissionStatus.IN_MODERATION
                : SubmissionStatus.ACCEPTED);
        if (stage == ModerationStage.PUBLICATION) {
            q.setParameter("stage", ModerationStage.PUBLICATION);
        }
        contest.ifPresent(c -> q.setParameter("contest", c));
        kind.ifPresent(k -> q.setParameter("kind", k));
        after.ifPresent(c -> {
            q.setParameter("at", c.at());
            q.setParameter("id", c.id());
        });
        return q.setMaxResults(limit).getResultList();
    }
}
