package cn.kepu.media.moderation.api;

import cn.kepu.media.contests.api.SubmissionView;
import cn.kepu.media.moderation.ModerationInbox;
import cn.kepu.media.moderation.ModerationStage;
import cn.kepu.media.shared.graphql.GraphQLLimits;
import cn.kepu.media.shared.paging.Page;
import cn.kepu.media.shared.paging.PageInfo;
import cn.kepu.media.works.WorkKind;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class ModerationInboxGraphQL {

    @Name("ModerationInboxFilter")
    public record InboxFilter(@Id String contestId, ModerationStage stage, WorkKind kind) {
    }

    @Name("ModerationItem")
    @Description("What waits for a decision: an entry (submission), or at stage PUBLICATION a publication request of "
            + "a work outside contests (publicationRequestId; its details in publicationRequest).")
    public record InboxItem(@NonNull ModerationStage stage, SubmissionView submission,
            @Id String publicationRequestId) {
    }

    @Name("ModerationItemEdge")
    public record InboxEdge(@NonNull String cursor, @NonNull InboxItem node) {
    }

    @Name("ModerationInboxConnection")
    public record InboxConnection(@NonNull List<@NonNull InboxEdge> edges, @NonNull PageInfo pageInfo) {
    }

    private final ModerationInbox inbox;
    private final GraphQLLimits limits;

    public ModerationInboxGraphQL(ModerationInbox inbox, GraphQLLimits limits) {
        this.inbox = inbox;
        this.limits = limits;
    }

    @Query("moderationInbox")
    @Description("""
            MODERATOR: everything waiting for a decision, across contests and stages, oldest first; filter by \
            contest, stage or kind of work. Each submission carries its previews (Submission.previews) and any \
            near-duplicates (Submission.nearDuplicates).""")
    public @NonNull InboxConnection moderationInbox(InboxFilter filter, Integer first, String after) {
        int size = first == null ? limits.defaultPageSize() : Math.max(1, Math.min(first, limits.maxPageSize()));
        InboxFilter f = filter == null ? new InboxFilter(null, null, null) : filter;
        Page<ModerationInbox.Item> page = inbox.page(new ModerationInbox.Filter(Optional.ofNullable(f.contestId()),
                Optional.ofNullable(f.stage()), Optional.ofNullable(f.kind())), size, Optional.ofNullable(after));
        List<SubmissionView> views = SubmissionView.of(page.items().stream().map(ModerationInbox.Item::submission)
                .filter(java.util.Objects::nonNull).toList());
        List<InboxEdge> edges = new java.util.ArrayList<>();
        int next = 0;
        for (ModerationInbox.Item item : page.items()) {
            InboxItem node = item.submission() != null ? new InboxItem(item.stage(), views.get(next++), null)
                    : new InboxItem(item.stage(), null, item.publication().requestId().toString());
            edges.add(new InboxEdge(item.cursor().encode(), node));
        }
        return new InboxConnection(edges, page.pageInfo(ModerationInbox.Item::cursor, after != null));
    }

}
