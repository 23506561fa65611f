package cn.kepu.media.search;

import cn.kepu.media.works.Work;
import cn.kepu.media.works.WorkService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * "More like this" for one work: the works feature decides whether the caller may see the work (NOT_FOUND otherwise)
 * and supplies its text and topics; the index finds the neighbours. The ids returned come from the index, so callers
 * load them through {@code WorkService.visibleByIds} like any other hit.
 */
@ApplicationScoped
public class RelatedWorks {

    private final WorkService works;
    private final SearchService search;

    public RelatedWorks(WorkService works, SearchService search) {
        this.works = works;
        this.search = search;
    }

    public List<UUID> of(String workId, int size) {
        Work work = works.get(workId);
        List<String> topics = works.topicsOf(List.of(work.id)).getOrDefault(work.id, List.of()).stream()
                .map(t -> t.code).toList();
        return search.related(work, topics, size);
    }
}
