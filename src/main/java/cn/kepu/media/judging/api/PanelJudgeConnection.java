package cn.kepu.media.judging.api;

import cn.kepu.media.shared.paging.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of a contest's judge panel (Relay connection). */
@Name("PanelJudgeConnection")
public record PanelJudgeConnection(@NonNull List<@NonNull PanelJudgeEdge> edges, @NonNull PageInfo pageInfo) {

    @Name("PanelJudgeEdge")
    public record PanelJudgeEdge(@NonNull String cursor, @NonNull PanelJudgeView node) {
    }
}
