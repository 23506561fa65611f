package cn.kepu.media.media.api;

import cn.kepu.media.shared.paging.PageInfo;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("DownloadRecordConnection")
@Description("Downloads, newest first, as a Relay connection.")
public record DownloadRecordConnection(@NonNull List<@NonNull DownloadRecordEdge> edges, @NonNull PageInfo pageInfo,
        @Description("All of the caller's downloads, not only this page.") int totalCount) {

    @Name("DownloadRecordEdge")
    public record DownloadRecordEdge(@NonNull String cursor, @NonNull DownloadRecordView node) {
    }
}
