package cn.kepu.media.judging.api;

import cn.kepu.media.contests.SubmissionStatus;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.judging.Assignment;
import cn.kepu.media.works.WorkThumbnails;
import cn.kepu.media.works.api.MediaPreviewView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/**
 * What a judge sees of an entry's files: blind preview URLs (see {@link WorkThumbnails}), in two queries for a whole
 * list of entries. URLs are handed out only for the caller's own assignments of entries still in judging; a URL
 * already handed out stops working when it expires (minutes), which bounds access after an unassignment.
 */
@GraphQLApi
public class JudgeEntryMedia {

    private final Caller caller;
    private final WorkThumbnails thumbnails;

    public JudgeEntryMedia(Caller caller, WorkThumbnails thumbnails) {
        this.caller = caller;
        this.thumbnails = thumbnails;
    }

    @Description("""
            The entry's files as blind URLs: images with a preview and a zoomable LARGE rendition, videos with a \
            poster and a web-playable preview. Nothing in a URL, header or byte identifies the entrant.""")
    public @NonNull List<@NonNull List<@NonNull MediaPreviewView>> media(@Source List<JudgeEntry> entries) {
        caller.requireAccount();
        UUID me = caller.accountId().orElseThrow();
        List<UUID> ids = entries.stream().map(e -> UUID.fromString(e.assignmentId())).distinct().toList();
        Map<UUID, UUID> workOf = new HashMap<>();
        Assignment.getEntityManager().createQuery("""
                select a.id, s.workId from Assignment a, Submission s
                where a.id in :ids and a.judgeId = :me and s.id = a.submissionId and s.status = :accepted""",
                Object[].class)
                .setParameter("ids", ids).setParameter("me", me).setParameter("accepted", SubmissionStatus.ACCEPTED)
                .getResultList().forEach(row -> workOf.put((UUID) row[0], (UUID) row[1]));
        Map<UUID, List<WorkThumbnails.Preview>> previews = thumbnails.previewsOf(workOf.values().stream()
                .distinct().toList());
        return entries.stream().map(e -> {
            UUID work = workOf.get(UUID.fromString(e.assignmentId()));
            return work == null ? List.<MediaPreviewView>of()
                    : previews.getOrDefault(work, List.of()).stream().map(MediaPreviewView::of).toList();
        }).toList();
    }
}
