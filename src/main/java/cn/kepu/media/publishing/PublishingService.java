package cn.kepu.media.publishing;

import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.identity.Account;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.moderation.Decision;
import cn.kepu.media.moderation.ModerationDecision;
import cn.kepu.media.moderation.ModerationService;
import cn.kepu.media.moderation.ReasonCode;
import cn.kepu.media.notifications.NotificationKind;
import cn.kepu.media.notifications.NotificationOutbox;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkBecamePublic;
import cn.kepu.media.works.WorkMediaFacts;
import cn.kepu.media.works.WorkStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Publication of works outside contests: the owner (or an organizer for an organisation) requests it, a moderator
 * decides at the PUBLICATION stage, optionally with a release time; organizers take works down and put them back.
 * The visibility itself is the work's state ({@code Work.isPublicAt}): PUBLISHED with a publication time that has
 * passed, read by every path (works, search, collections, downloads); the search index follows through its outbox.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PublishingService {

    /** How far ahead a release time may be set. */
    static final Duration MAX_EMBARGO = Duration.ofDays(366);

    private final Caller caller;
    private final Clock clock;
    private final AuditLog audit;
    private final ModerationService moderation;
    private final WorkMediaFacts mediaFacts;
    private final NotificationOutbox notifications;
    private final Event<WorkBecamePublic> becamePublic;

    public PublishingService(Caller caller, Clock clock, AuditLog audit, ModerationService moderation,
            WorkMediaFacts mediaFacts, NotificationOutbox notifications, Event<WorkBecamePublic> becamePublic) {
        this.caller = caller;
        this.clock = clock;
        this.audit = audit;
        this.moderation = moderation;
        this.mediaFacts = mediaFacts;
        this.notifications = notifications;
        this.becamePublic = becamePublic;
    }

    /**
     * Opens a publication request and puts the work into review (IN_MODERATION).
     *
     * @param onBehalfOf the organisation an organizer asks for; required when the organizer is not the owner, not
     *                   allowed for entrants
     * @throws ApiException CONFLICT when the work is already public or in review (a contest or another request), or
     *                      has no verified file
     */
    @Transactional
    public PublicationRequest request(String workId, String note, String onBehalfOf) {
        caller.requireAny(Role.ENTRANT, Role.ORGANIZER);
        Account me = caller.requireAccount();
        Instant now = now();
        Work work = lockWork(workId, "input.workId");
        boolean owner = work.ownerId.equals(me.id);
        boolean organizer = caller.has(Role.ORGANIZER);
        String organisation = blankToNull(onBehalfOf);
        if (!owner && !organizer) {
            throw work.isPublicAt(now) ? ApiException.forbidden(Msg.of("publishing.request.notOwner", workId))
                    : ApiException.notFound("Work", workId);
        }
        if (organisation != null && !organizer) {
            throw ApiException.validation("input.onBehalfOf", Msg.of("publishing.request.onBehalfOfOrganizers"));
        }
        if (!owner && organisation == null) {
            throw ApiException.validation("input.onBehalfOf", Msg.of("publishing.request.onBehalfOfRequired"));
        }
        if (work.status == WorkStatus.PUBLISHED) {
            throw ApiException.conflict("input.workId", Msg.of("publishing.request.published", workId));
        }
        if (!work.status.editableByOwner()) {
            throw ApiException.conflict("input.workId", Msg.of("publishing.request.inReview", workId,
                    Msg.of("works.status." + work.status.name())));
        }
        if (mediaFacts.factsOf(List.of(work.id)).getOrDefault(work.id, List.of()).isEmpty()) {
            throw ApiException.conflict("input.workId", Msg.of("publishing.request.noVerifiedFiles", workId));
        }
        PublicationRequest request = new PublicationRequest();
        request.id = UUID.randomUUID();
        request.workId = work.id;
        request.requestedBy = me.id;
        request.onBehalfOf = organisation;
        request.note = note == null ? "" : note.strip();
        request.status = PublicationStatus.PENDING;
        request.requestedAt = now;
        request.workStatusBefore = work.status;
        request.persist();
        work.status = WorkStatus.IN_MODERATION;
        work.updatedAt = now;
        if (organisation == null) {
            audit.record(null, "PUBLICATION_REQUESTED", "Work", work.id, request.note);
        } else {
            audit.record(null, "PUBLICATION_REQUESTED", "Work", work.id, request.note.isEmpty()
                    ? Msg.of("publishing.audit.onBehalf", organisation)
                    : Msg.of("publishing.audit.onBehalfWithNote", organisation, request.note));
        }
        PublicationRequest.flush();
        return request;
    }

    /**
     * A moderator's decision on a pending request. An approval publishes the work at once, or at {@code releaseAt}
     * when that is in the future: until then the work stays invisible to everyone but its owner and staff, and
     * {@link PublicationReleases} announces it when the clock passes the time. The owner is notified either way.
     */
    @Transactional
    public PublicationRequest decide(String requestId, Decision decision, ReasonCode reason, String note,
            Instant releaseAt) {
        caller.requireAny(Role.MODERATOR);
        Instant now = now();
        PublicationRequest request = PublicationRequest.findById(Ids.parse(requestId, "input.requestId"),
                LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw ApiException.notFound("PublicationRequest", requestId);
        }
        if (request.status != PublicationStatus.PENDING) {
            throw ApiException.conflict("input.requestId", Msg.of("publishing.decision.notPending", requestId,
                    Msg.of("publishing.requestStatus." + request.status.name())));
        }
        if (releaseAt != null && decision != Decision.APPROVE) {
            throw ApiException.validation("input.releaseAt", Msg.of("publishing.decision.releaseOnlyOnApproval"));
        }
        if (releaseAt != null && releaseAt.isAfter(now.plus(MAX_EMBARGO))) {
            throw ApiException.validation("input.releaseAt", Msg.of("publishing.decision.releaseTooFar",
                    MAX_EMBARGO.toDays()));
        }
        Work work = Work.findById(request.workId, LockModeType.PESSIMISTIC_WRITE);
        ModerationDecision d = moderation.decidePublicationRequest(request.id, work, decision, reason, note);
        request.decidedAt = now;
        if (decision == Decision.APPROVE) {
            boolean scheduled = releaseAt != null && releaseAt.isAfter(now);
            Instant publishAt = scheduled ? releaseAt.truncatedTo(ChronoUnit.MICROS) : now;
            request.status = PublicationStatus.APPROVED;
            request.releaseAt = scheduled ? publishAt : null;
            request.releasedAt = scheduled ? null : now;
            work.status = WorkStatus.PUBLISHED;
            work.publishedAt = publishAt;
            work.updatedAt = now;
            liftTakedown(work.id, now);
            if (!scheduled) {
                becamePublic.fire(new WorkBecamePublic(work.id, publishAt));
            }
        } else {
            request.status = PublicationStatus.REJECTED;
        }
        Map<String, Object> params = workParams(work);
        params.put("requestId", request.id.toString());
        params.put("decision", decision.name());
        params.put("reasonCode", reason.name());
        params.put("note", d.note);
        params.put("approved", decision == Decision.APPROVE);
        if (request.releaseAt != null) {
            params.put("releaseAt", request.releaseAt.toString());
        }
        notifications.enqueue(new NotificationOutbox.Notice(work.ownerId, NotificationKind.PUBLICATION_DECISION,
                "publication:" + request.id, params));
        PublicationRequest.flush();
        return request;
    }

    /**
     * The owner (or the organizer who asked on an organisation's behalf) withdraws a request that still waits for a
     * moderator: it is kept as CANCELLED, leaves the moderation inbox, and the work goes back to the status it had
     * before the request, editable again. Audited.
     *
     * @throws ApiException NOT_FOUND when the caller may not see the request (moderators and organizers who did not
     *                      make it: FORBIDDEN), CONFLICT when it was already decided or cancelled
     */
    @Transactional
    public PublicationRequest cancel(String requestId) {
        caller.requireAny(Role.ENTRANT, Role.ORGANIZER);
        Account me = caller.requireAccount();
        PublicationRequest request = PublicationRequest.findById(Ids.parse(requestId, "id"),
                LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw ApiException.notFound("PublicationRequest", requestId);
        }
        Work work = Work.findById(request.workId, LockModeType.PESSIMISTIC_WRITE);
        boolean mine = work.ownerId.equals(me.id) || request.requestedBy.equals(me.id);
        if (!mine) {
            throw caller.hasAny(Role.MODERATOR, Role.ORGANIZER)
                    ? ApiException.forbidden(Msg.of("publishing.cancel.notOwner", requestId))
                    : ApiException.notFound("PublicationRequest", requestId);
        }
        if (request.status != PublicationStatus.PENDING) {
            throw ApiException.conflict("id", Msg.of("publishing.cancel.notPending", requestId,
                    Msg.of("publishing.requestStatus." + request.status.name())));
        }
        Instant now = now();
        request.status = PublicationStatus.CANCELLED;
        request.decidedAt = now;
        work.status = request.workStatusBefore == null ? WorkStatus.DRAFT : request.workStatusBefore;
        work.updatedAt = now;
        audit.record(null, "PUBLICATION_CANCELLED", "Work", work.id,
                Msg.of("publishing.audit.cancelled", request.id.toString()));
        PublicationRequest.flush();
        return request;
    }

    /**
     * Takes a published (or scheduled) work down: invisible at once in every read path and, through the search
     * outbox, gone from search within the indexer's interval; downloads are refused. Audited with the reason; the
     * owner is told.
     */
    @Transactional
    public Work unpublish(String workId, String reason) {
        caller.requireAny(Role.ORGANIZER);
        Account me = caller.requireAccount();
        if (reason == null || reason.isBlank()) {
            throw ApiException.validation("reason", Msg.of("publishing.takedown.reasonRequired"));
        }
        if (reason.strip().length() > 2000) {
            throw ApiException.validation("reason", Msg.of("publishing.takedown.reasonTooLong", 2000));
        }
        Instant now = now();
        Work work = lockWork(workId, "id");
        if (work.status != WorkStatus.PUBLISHED) {
            throw ApiException.conflict("id", Msg.of("publishing.takedown.notPublished", workId,
                    Msg.of("works.status." + work.status.name())));
        }
        WorkTakedown takedown = new WorkTakedown();
        takedown.id = UUID.randomUUID();
        takedown.workId = work.id;
        takedown.reason = reason.strip();
        takedown.takenDownBy = me.id;
        takedown.takenDownAt = now;
        takedown.persist();
        work.status = WorkStatus.WITHDRAWN;
        work.publishedAt = null;
        work.updatedAt = now;
        audit.record(null, "WORK_UNPUBLISHED", "Work", work.id, takedown.reason);
        Map<String, Object> params = workParams(work);
        params.put("reason", takedown.reason);
        notifications.enqueue(new NotificationOutbox.Notice(work.ownerId, NotificationKind.WORK_TAKEN_DOWN,
                "takedown:" + takedown.id, params));
        Work.flush();
        return work;
    }

    /**
     * Puts a taken-down work back as it was. Refused once the owner changed it since the takedown: a changed work
     * goes through a publication request (and moderation) again.
     */
    @Transactional
    public Work republish(String workId) {
        caller.requireAny(Role.ORGANIZER);
        Instant now = now();
        Work work = lockWork(workId, "id");
        Optional<WorkTakedown> open = WorkTakedown.<WorkTakedown>find("workId = ?1 and liftedAt is null", work.id)
                .firstResultOptional();
        if (open.isEmpty() || work.status != WorkStatus.WITHDRAWN) {
            throw ApiException.conflict("id", Msg.of("publishing.republish.notTakenDown", workId));
        }
        if (!work.updatedAt.equals(open.get().takenDownAt)) {
            throw ApiException.conflict("id", Msg.of("publishing.republish.changed", workId));
        }
        liftTakedown(work.id, now);
        work.status = WorkStatus.PUBLISHED;
        work.publishedAt = now;
        work.updatedAt = now;
        audit.record(null, "WORK_REPUBLISHED", "Work", work.id,
                Msg.of("publishing.audit.republished", open.get().reason));
        becamePublic.fire(new WorkBecamePublic(work.id, now));
        Work.flush();
        return work;
    }

    /** A work's requests, newest first: for its owner, moderators and organizers. */
    public List<PublicationRequest> requestsOf(String workId) {
        caller.requireAny(Role.ENTRANT, Role.ORGANIZER, Role.MODERATOR);
        UUID id = Ids.parse(workId, "workId");
        Work work = Work.findById(id);
        boolean owner = work != null && caller.accountId().map(work.ownerId::equals).orElse(false);
        if (work == null || !(owner || caller.hasAny(Role.ORGANIZER, Role.MODERATOR))) {
            throw ApiException.notFound("Work", workId);
        }
        return PublicationRequest.list("workId = ?1 order by requestedAt desc, id desc", id);
    }

    /** Requests by id, for whoever may see them (requests shown in the moderation inbox are for moderators). */
    public Map<UUID, PublicationRequest> byIds(List<UUID> ids) {
        Map<UUID, PublicationRequest> found = new HashMap<>();
        if (!ids.isEmpty() && caller.hasAny(Role.MODERATOR, Role.ORGANIZER)) {
            PublicationRequest.<PublicationRequest>list("id in ?1", ids).forEach(r -> found.put(r.id, r));
        }
        return found;
    }

    /** The moderation decision on each request, for showing reason and note. */
    public Map<UUID, ModerationDecision> decisionsOf(List<UUID> requestIds) {
        return moderation.decisionsOfRequests(requestIds);
    }

    private void liftTakedown(UUID workId, Instant now) {
        caller.accountId().ifPresent(me -> WorkTakedown.update("liftedBy = ?1, liftedAt = ?2"
                + " where workId = ?3 and liftedAt is null", me, now, workId));
    }

    private static Work lockWork(String workId, String field) {
        Work work = Work.findById(Ids.parse(workId, field), LockModeType.PESSIMISTIC_WRITE);
        if (work == null) {
            throw ApiException.notFound("Work", workId);
        }
        return work;
    }

    private static Map<String, Object> workParams(Work work) {
        Map<String, Object> params = new HashMap<>();
        params.put("workId", work.id.toString());
        params.put("workTitle", work.title);
        return params;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
