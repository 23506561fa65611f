package cn.kepu.media.works.api;

import cn.kepu.media.shared.graphql.PrefetchedFields;
import cn.kepu.media.works.WorkService;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Work views for other features' API classes (a submission's work, an award's work, a search hit), so they never
 * handle the {@code Work} entity themselves. One query each.
 */
@ApplicationScoped
public class WorkViews {

    private final WorkService works;
    private final Context context;

    public WorkViews(WorkService works, Context context) {
        this.works = works;
        this.context = context;
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
     * statement ({@link WorkService#visibleWithParts}), the parts kept with the views for this operation
     * ({@link PrefetchedFields}), so that the {@code creators} and {@code topics} resolvers of {@link WorkGraphQL} are
     * not called for them.
     */
    public Map<UUID, WorkView> visibleByIds(Collection<UUID> ids, boolean creators, boolean topics) {
        if (!creators && !topics) {
            return visibleByIds(ids);
        }
        Map<UUID, WorkView> views = new HashMap<>();
        Map<Object, Map<String, Object>> parts = new IdentityHashMap<>();
        works.visibleWithParts(ids, creators, topics).forEach((id, read) -> {
            WorkView view = WorkView.of(read.work());
            views.put(id, view);
            Map<String, Object> fields = new HashMap<>(4);
            if (creators) {
                fields.put("creators", read.creators().stream().map(CreatorView::of).toList());
            }
            if (topics) {
                fields.put("topics", read.topics().stream().map(TopicView::of).toList());
            }
            parts.put(view, fields);
        });
        PrefetchedFields.keep(context.unwrap(DataFetchingEnvironment.class).getGraphQlContext(), parts);
        return views;
    }
}
