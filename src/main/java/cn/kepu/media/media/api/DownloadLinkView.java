package cn.kepu.media.media.api;

import cn.kepu.media.media.DownloadService;
import cn.kepu.media.works.api.LicenceView;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("DownloadLink")
@Description("A short-lived presigned GET; the response carries contentType and a Content-Disposition with fileName.")
public record DownloadLinkView(
        @NonNull String url,
        @NonNull Instant expiresAt,
        @NonNull String contentType,
        @NonNull String fileName,
        @NonNull String creditLine,
        @NonNull LicenceView licence) {

    static DownloadLinkView of(DownloadService.Link link) {
        return new DownloadLinkView(link.url(), link.expiresAt(), link.contentType(), link.fileName(),
                link.creditLine(), LicenceView.of(link.licence()));
    }
}
