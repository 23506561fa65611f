package cn.kepu.media.works.api;

import cn.kepu.media.works.WorkService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Work views for other features' API classes (a submission's work, an award's work, a search hit), so they never
 * handle the {@code Work} entity themselves. One query each.
 */
@ApplicationScoped
public class WorkViews {

    private final WorkService works;

    public WorkViews(WorkService works) {
        this.works = works;
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
}
