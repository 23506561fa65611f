package cn.kepu.media.works.api;

import cn.kepu.media.works.WorkService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Work views for other features' API classes (a submission's work, an award's work, a search hit), so they never
 * handle the {@code Work} entity themselves. One query each.
 */
@ApplicationScoped
public class WorkViews {

    private final WorkService works;
    private final PreloadedWorkParts preloaded;

    public WorkViews(WorkService works, PreloadedWorkParts preloaded) {
        this.works = works;
        this.preloaded = preloaded;
    }

    /** Works whose referring object (an entry, an award) the caller's feature has already decided they may see. */
    public Map<UUID, WorkView> byIds(Collection<UUID> ids) {
        Map<UUID, WorkView> views = new HashMap<>();
        works.byIds(ids).forEach((id, work) -> views.put(id, WorkView.of(work)));
        return views;
    }

    /**
     * The given works as far as the caller may see them now ({@link WorkService#visibleByIds}): for ids that come
     * from elsewhere, such as search hits, which may lag behind an unpublish.
     */
    public Map<UUID, WorkView> visibleByIds(Collection<UUID> ids) {
        Map<UUID, WorkView> views = new HashMap<>();
        works.visibleByIds(ids).forEach((id, work) -> views.put(id, WorkView.of(work)));
        return views;
    }

    /**
     * {@link #visibleByIds} for a page whose works' creators and/or topics the client selected: works and parts in one
     * statement ({@link WorkService#visibleWithParts}), the parts kept for this request so that the {@code creators}
     * and {@code topics} resolvers of {@link WorkGraphQL} answer from them instead of querying again.
     */
    public Map<UUID, WorkView> visibleByIds(Collection<UUID> ids, boolean creators, boolean topics) {
        if (!creators && !topics) {
            return visibleByIds(ids);
        }
        Map<UUID, WorkView> views = new HashMap<>();
        Map<UUID, List<CreatorView>> creatorViews = creators ? new HashMap<>() : null;
        Map<UUID, List<TopicView>> topicViews = topics ? new HashMap<>() : null;
        works.visibleWithParts(ids, creators, topics).forEach((id, read) -> {
            views.put(id, WorkView.of(read.work()));
            if (creators) {
                creatorViews.put(id, read.creators().stream().map(CreatorView::of).toList());
            }
            if (topics) {
                topicViews.put(id, read.topics().stream().map(TopicView::of).toList());
            }
        });
        preloaded.keep(creatorViews, topicViews);
        return views;
    }
}
