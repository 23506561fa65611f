package cn.kepu.media.publishing.api;

import cn.kepu.media.audit.AuditLog;
import cn.kepu.media.audit.api.AuditEventView;
import cn.kepu.media.moderation.ModerationDecision;
import cn.kepu.media.moderation.api.ModerationInboxGraphQL;
import cn.kepu.media.moderation.api.ModerationNoteView;
import cn.kepu.media.publishing.PublicationRequest;
import cn.kepu.media.publishing.PublishingService;
import cn.kepu.media.shared.Ids;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Msg;
import cn.kepu.media.works.api.WorkView;
import cn.kepu.media.works.api.WorkViews;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class PublishingGraphQL {

    private final PublishingService publishing;
    private final WorkViews workViews;
    private final AuditLog audit;
    private final io.smallrye.graphql.api.Context context;

    public PublishingGraphQL(PublishingService publishing, WorkViews workViews, AuditLog audit,
            io.smallrye.graphql.api.Context context) {
        this.publishing = publishing;
        this.workViews = workViews;
        this.audit = audit;
        this.context = context;
    }

    @Mutation("requestPublication")
    @Description("""
            ENTRANT (own work) or ORGANIZER (for an organisation): asks for a work with verified files to be \
            published outside contests. The work goes to moderators (moderationInbox, stage PUBLICATION) and is \
            IN_MODERATION until they decide.""")
    public @NonNull PublicationRequestView requestPublication(@NonNull @Valid RequestPublicationInput input) {
        return PublicationRequestView.of(publishing.request(input.workId(), input.note(), input.onBehalfOf()));
    }

    @Mutation("cancelPublicationRequest")
    @Description("""
            ENTRANT (the work's owner) or the ORGANIZER who made the request: withdraws a publication request that \
            still waits for a moderator (CONFLICT once decided). The request stays as CANCELLED and the work is back \
            as it was before, editable again.""")
    public @NonNull PublicationRequestView cancelPublicationRequest(@NonNull @Id String id) {
        return PublicationRequestView.of(publishing.cancel(id));
    }

    @Mutation("moderatePublication")
    @Description("""
            MODERATOR: approves (optionally with a release time) or rejects a publication request, with the same \
            reason codes as entries. The owner is notified.""")
    public @NonNull PublicationRequestView moderatePublication(@NonNull @Valid ModeratePublicationInput input) {
        return PublicationRequestView.of(publishing.decide(input.requestId(), input.decision(), input.reasonCode(),
                input.note(), input.releaseAt()));
    }

    @Mutation("unpublishWork")
    @Description("""
            ORGANIZER: takes a published (or scheduled) work down with a reason (rights complaint, error…): gone from \
            lists at once and from search within seconds, downloads refused; audited, the owner is notified.""")
    public @NonNull WorkView unpublishWork(@NonNull @Id String id, @NonNull String reason) {
        return WorkView.of(publishing.unpublish(id, reason));
    }

    @Mutation("republishWork")
    @Description("ORGANIZER: puts a taken-down work back, unless its owner changed it since (then it needs a new "
            + "publication request).")
    public @NonNull WorkView republishWork(@NonNull @Id String id) {
        return WorkView.of(publishing.republish(id));
    }

    @Query("publicationRequests")
    @Description("The work's publication requests, newest first: its owner, moderators and organizers.")
    public @NonNull List<@NonNull PublicationRequestView> publicationRequests(@NonNull @Id String workId) {
        return publishing.requestsOf(workId).stream().map(PublicationRequestView::of).toList();
    }

    @Query("publicationLog")
    @Description("ORGANIZER: the work's audit events about publication (requests, decisions, takedowns), newest "
            + "first.")
    public @NonNull List<@NonNull AuditEventView> publicationLog(@NonNull @Id String workId, Integer first) {
        int limit = first == null ? 50 : first;
        if (limit < 1 || limit > 500) {
            throw ApiException.validation("first", Msg.of("publishing.log.first", 1, 500));
        }
        java.util.Locale locale = cn.kepu.media.shared.graphql.CallerLanguage.of(context);
        return audit.ofEntity("Work", Ids.parse(workId, "workId").toString(), limit).stream()
                .map(e -> AuditEventView.of(e, locale)).toList();
    }

    @Description("The work to publish.")
    public @NonNull List<@NonNull WorkView> work(@Source List<PublicationRequestView> requests) {
        // The requests were authorized when they were read (owner, moderators, organizers may see their works).
        Map<UUID, WorkView> works = workViews.byIds(requests.stream().map(r -> UUID.fromString(r.workId()))
                .distinct().toList());
        return requests.stream().map(r -> works.get(UUID.fromString(r.workId()))).toList();
    }

    @Description("The moderator's decision with reason and note, once decided.")
    public List<ModerationNoteView> decision(@Source List<PublicationRequestView> requests) {
        Map<UUID, ModerationDecision> decisions = publishing.decisionsOf(requests.stream()
                .map(r -> UUID.fromString(r.id())).toList());
        return requests.stream().map(r -> {
            ModerationDecision d = decisions.get(UUID.fromString(r.id()));
            return d == null ? null : ModerationNoteView.of(d);
        }).toList();
    }

    @Description("The publication request waiting here (stage PUBLICATION outside contests); null for entries.")
    public List<PublicationRequestView> publicationRequest(
            @Source List<ModerationInboxGraphQL.InboxItem> items) {
        List<UUID> ids = items.stream().map(ModerationInboxGraphQL.InboxItem::publicationRequestId)
                .filter(Objects::nonNull).map(UUID::fromString).toList();
        Map<UUID, PublicationRequest> found = publishing.byIds(ids);
        return items.stream().map(i -> i.publicationRequestId() == null ? null
                : found.get(UUID.fromString(i.publicationRequestId()))).map(r -> r == null ? null
                        : PublicationRequestView.of(r)).toList();
    }
}
