package cn.kepu.media.media.api;

import cn.kepu.media.media.BulkDownloads;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("BulkDownload")
@Description("""
        A ZIP of the chosen works' distribution copies with manifest.json and manifest.csv (credit lines, licences, \
        SHA-256 of each file), streamed from url (GET, no token needed: the URL is the permission) until expiresAt.""")
public record BulkDownloadView(
        @Id @NonNull String id,
        @NonNull String url,
        @NonNull Instant expiresAt,
        @NonNull String fileName,
        int workCount,
        int fileCount,
        @Description("Approximate size of the files in the ZIP.") long totalBytes) {

    static BulkDownloadView of(BulkDownloads.Plan plan) {
        return new BulkDownloadView(plan.id().toString(), plan.url(), plan.expiresAt(), plan.fileName(),
                plan.workCount(), plan.fileCount(), plan.totalBytes());
    }
}
