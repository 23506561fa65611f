package cn.kepu.media.judging.api;

import cn.kepu.media.judging.JudgeEntryService;
import cn.kepu.media.works.WorkThumbnails;
import cn.kepu.media.works.api.MediaPreviewView;
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

    private final JudgeEntryService judgeEntries;
    private final WorkThumbnails thumbnails;

    public JudgeEntryMedia(JudgeEntryService judgeEntries, WorkThumbnails thumbnails) {
        this.judgeEntries = judgeEntries;
        this.thumbnails = thumbnails;
    }

    @Description("""
            The entry's files as blind URLs: images with a preview and a zoomable LARGE rendition, videos with a \
            poster and a web-playable preview. Nothing in a URL, header or byte identifies the entrant.""")
    public @NonNull List<@NonNull List<@NonNull MediaPreviewView>> media(@Source List<JudgeEntry> entries) {
        Map<UUID, UUID> workOf = judgeEntries.blindWorksOf(entries.stream()
                .map(e -> UUID.fromString(e.assignmentId())).distinct().toList());
        Map<UUID, List<WorkThumbnails.Preview>> previews = thumbnails.previewsOf(workOf.values().stream()
                .distinct().toList());
        return entries.stream().map(e -> {
            UUID work = workOf.get(UUID.fromString(e.assignmentId()));
            return work == null ? List.<MediaPreviewView>of()
                    : previews.getOrDefault(work, List.of()).stream().map(MediaPreviewView::of).toList();
        }).toList();
    }
}
