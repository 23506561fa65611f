package cn.kepu.media.moderation.api;

import cn.kepu.media.contests.SubmissionReads;
import cn.kepu.media.contests.SubmissionSummary;
import cn.kepu.media.contests.api.SubmissionView;
import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import cn.kepu.media.media.NearDuplicates;
import cn.kepu.media.media.api.NearDuplicateView;
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
 * Previews of a submission's files for whoever may see the submission (its entrant, moderators, organizers): two
 * queries for a whole queue.
 */
@GraphQLApi
public class SubmissionMedia {

    private final WorkThumbnails thumbnails;
    private final NearDuplicates duplicates;
    private final Caller caller;
    private final SubmissionReads reads;

    public SubmissionMedia(WorkThumbnails thumbnails, NearDuplicates duplicates, Caller caller, SubmissionReads reads) {
        this.thumbnails = thumbnails;
        this.duplicates = duplicates;
        this.caller = caller;
        this.reads = reads;
    }

    @Description("""
            MODERATOR and ORGANIZER: other works (entries or published works) whose files are near-duplicates of             this submission's, closest first; empty for everyone else.""")
    public @NonNull List<@NonNull List<@NonNull NearDuplicateView>> nearDuplicates(
            @Source List<SubmissionView> submissions) {
        if (!caller.hasAny(Role.MODERATOR, Role.ORGANIZER)) {
            return submissions.stream().map(s -> List.<NearDuplicateView>of()).toList();
        }
        Map<UUID, UUID> workOf = workOf(submissions);
        Map<UUID, List<NearDuplicates.Match>> matches = duplicates.of(workOf.values().stream().distinct().toList());
        return submissions.stream().map(s -> matches.getOrDefault(workOf.get(UUID.fromString(s.id())), List.of())
                .stream().map(NearDuplicateView::of).toList()).toList();
    }

    @Description("The submitted work's files as thumbnail and preview URLs (images and videos).")
    public @NonNull List<@NonNull List<@NonNull MediaPreviewView>> previews(@Source List<SubmissionView> submissions) {
        Map<UUID, UUID> workOf = workOf(submissions);
        Map<UUID, List<WorkThumbnails.Preview>> previews = thumbnails.previewsOf(workOf.values().stream().distinct()
                .toList());
        return submissions.stream().map(s -> previews.getOrDefault(workOf.get(UUID.fromString(s.id())), List.of())
                .stream().map(MediaPreviewView::of).toList()).toList();
    }

    /** Each submission's work, read through the contests feature (one query for the whole list). */
    private Map<UUID, UUID> workOf(List<SubmissionView> submissions) {
        Map<UUID, UUID> workOf = new HashMap<>();
        List<UUID> ids = submissions.stream().map(s -> UUID.fromString(s.id())).distinct().toList();
        if (!ids.isEmpty()) {
            for (SubmissionSummary summary : reads.byIds(ids)) {
                workOf.put(summary.id(), summary.workId());
            }
        }
        return workOf;
    }
}
