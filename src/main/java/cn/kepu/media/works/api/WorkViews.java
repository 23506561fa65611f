package cn.kepu.media.works.api;

import cn.kepu.media.works.WorkService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Work views for other features' API classes (a submission's work, an award's work), so they never handle the
 * {@code Work} entity themselves. The referring feature decides visibility; this only loads, in one query.
 */
@ApplicationScoped
public class WorkViews {

    private final WorkService works;

    public WorkViews(WorkService works) {
        this.works = works;
    }

    public Map<UUID, WorkView> byIds(Collection<UUID> ids) {
        Map<UUID, WorkView> views = new HashMap<>();
        works.byIds(ids).forEach((id, work) -> views.put(id, WorkView.of(work)));
        return views;
    }
}
