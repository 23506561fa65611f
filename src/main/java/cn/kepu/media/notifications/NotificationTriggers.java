package cn.kepu.media.notifications;

import cn.kepu.media.contests.Contest;
import cn.kepu.media.contests.Submission;
import cn.kepu.media.contests.SubmissionEvents;
import cn.kepu.media.contests.SubmissionStatus;
import cn.kepu.media.judging.Award;
import cn.kepu.media.judging.JudgingEvents;
import cn.kepu.media.moderation.Decision;
import cn.kepu.media.moderation.ModerationDecided;
import cn.kepu.media.moderation.ModerationDecision;
import cn.kepu.media.moderation.ModerationStage;
import cn.kepu.media.notifications.NotificationOutbox.Notice;
import cn.kepu.media.works.Work;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns the events of contests, moderation and judging into notifications. The observers are synchronous: they run
 * inside the transaction that fired the event, so the outbox row commits or rolls back with the change itself.
 *
 * <p>Params are captured here, from the change as it stands in the transaction (titles, codes, the reason), except
 * for new assignments, which a large automatic assignment fires by the hundred: those carry the assignment id only
 * and the sender reads their details when it mails the digest (one statement per event here, no lookups).
 */
@ApplicationScoped
public class NotificationTriggers {

    private final NotificationOutbox outbox;
    private final Clock clock;

    public NotificationTriggers(NotificationOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    void entryReceived(@Observes SubmissionEvents.EntryReceived event) {
        Submission submission = Submission.findById(event.submissionId());
        Contest contest = Contest.findById(submission.contestId);
        Work work = Work.findById(submission.workId);
        Map<String, Object> params = entryParams(contest, submission, work);
        params.put("submittedAt", submission.updatedAt.toString());
        params.put("zone", contest.timeZone);
        // A replaced entry is received again: the key names this version of the submission.
        outbox.enqueue(new Notice(event.entrantId(), NotificationKind.ENTRY_RECEIVED,
                "entry:" + submission.id + ":" + submission.updatedAt, params));
    }

    void moderationDecided(@Observes ModerationDecided event) {
        ModerationDecision decision = ModerationDecision.findById(event.decisionId());
        if (decision.submissionId == null) {
            return; // a publication request: publishing notifies its owner itself
        }
        Submission submission = Submission.findById(decision.submissionId);
        Contest contest = Contest.findById(submission.contestId);
        Work work = Work.findById(decision.workId);
        Map<String, Object> params = entryParams(contest, submission, work);
        params.put("stage", decision.stage.name());
        params.put("decision", decision.decision.name());
        params.put("reasonCode", decision.reasonCode.name());
        params.put("note", decision.note);
        params.put("approved", decision.decision == Decision.APPROVE);
        params.put("publication", decision.stage == ModerationStage.PUBLICATION);
        Instant now = clock.instant();
        // What to do next depends on whether the entrant can still submit a corrected work.
        params.put("canResubmit", decision.decision == Decision.REJECT && contest.acceptsSubmissionsAt(now));
        params.put("deadline", contest.submissionClosesAt.toString());
        params.put("zone", contest.timeZone);
        outbox.enqueue(new Notice(submission.entrantId, NotificationKind.MODERATION_DECISION,
                "moderation:" + decision.id, params));
    }

    void resultsPublished(@Observes JudgingEvents.ResultsPublished event) {
        Contest contest = Contest.findById(event.contestId());
        List<Submission> entries = Submission.list("contestId = ?1 and status = ?2", contest.id,
                SubmissionStatus.ACCEPTED);
        if (entries.isEmpty()) {
            return;
        }
        Map<UUID, Award> awards = Award.<Award>list("contestId", contest.id).stream()
                .collect(Collectors.toMap(a -> a.submissionId, Function.identity()));
        Map<UUID, Work> works = Work.<Work>list("id in ?1", entries.stream().map(s -> s.workId).toList()).stream()
                .collect(Collectors.toMap(w -> w.id, Function.identity()));
        for (Submission submission : entries) {
            Map<String, Object> params = entryParams(contest, submission, works.get(submission.workId));
            Award award = awards.get(submission.id);
            params.put("awarded", award != null);
            if (award != null) {
                params.put("awardTier", award.tier.name());
            }
            params.put("workId", submission.workId.toString());
            outbox.enqueue(new Notice(submission.entrantId, NotificationKind.RESULTS_PUBLISHED,
                    "results:" + contest.id + ":" + submission.id, params));
        }
    }

    void judgeOnPanel(@Observes JudgingEvents.JudgeOnPanel event) {
        Contest contest = Contest.findById(event.contestId());
        Map<String, Object> params = new HashMap<>();
        params.put("contestId", contest.id.toString());
        params.put("contestTitle", contest.title);
        params.put("zone", contest.timeZone);
        if (contest.judgingClosesAt != null) {
            params.put("deadline", contest.judgingClosesAt.toString());
        }
        // Setting the panel again re-fires for every member: the key invites each judge once per contest.
        outbox.enqueue(new Notice(event.judgeId(), NotificationKind.PANEL_INVITATION,
                "panel:" + contest.id + ":" + event.judgeId(), params));
    }

    void assignmentAdded(@Observes JudgingEvents.AssignmentAdded event) {
        outbox.enqueue(new Notice(event.judgeId(), NotificationKind.NEW_ASSIGNMENT,
                "assignment:" + event.assignmentId(), Map.of("assignmentId", event.assignmentId().toString())));
    }

    private static Map<String, Object> entryParams(Contest contest, Submission submission, Work work) {
        Map<String, Object> params = new HashMap<>();
        params.put("contestId", contest.id.toString());
        params.put("contestTitle", contest.title);
        params.put("submissionId", submission.id.toString());
        params.put("entryCode", submission.entryCode);
        params.put("workTitle", work == null ? "" : work.title);
        return params;
    }
}
