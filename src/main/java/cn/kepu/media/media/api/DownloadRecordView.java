package cn.kepu.media.media.api;

import cn.kepu.media.media.DownloadRecord;
import cn.kepu.media.works.Licence;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("DownloadRecord")
@Description("One file handed out to an account: which work and file, when, under which licence.")
public record DownloadRecordView(
        @Id @NonNull String id,
        @Id @NonNull String assetId,
        @Id @NonNull String workId,
        @Id @NonNull String accountId,
        @NonNull Licence licence,
        @NonNull Instant downloadedAt,
        @Id @Description("The ZIP (bulkDownload) the file was part of; null for a single download.")
        String bulkDownloadId) {

    static DownloadRecordView of(DownloadRecord r) {
        return new DownloadRecordView(r.id.toString(), r.assetId.toString(), r.workId.toString(),
                r.accountId.toString(), r.licence, r.downloadedAt,
                r.bulkDownloadId == null ? null : r.bulkDownloadId.toString());
    }
}
