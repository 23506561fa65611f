package cn.kepu.media.media.api;

import cn.kepu.media.media.BulkDownloads;
import cn.kepu.media.works.Licence;
import java.util.EnumSet;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;

@GraphQLApi
public class BulkDownloadGraphQL {

    private final BulkDownloads bulk;

    public BulkDownloadGraphQL(BulkDownloads bulk) {
        this.bulk = bulk;
    }

    @Mutation("bulkDownload")
    @Description("""
            MEDIA: one ZIP of the distribution copies of the chosen published works, with a manifest of credit lines \
            and licences. Every chosen work's licence must be accepted; each file is logged as downloaded. \
            DOWNLOAD_TOO_LARGE past the size or work limit.""")
    public @NonNull BulkDownloadView bulkDownload(@NonNull BulkDownloadInput input) {
        EnumSet<Licence> accepted = EnumSet.noneOf(Licence.class);
        if (input.acceptLicences() != null) {
            accepted.addAll(input.acceptLicences());
        }
        return BulkDownloadView.of(bulk.request(input.workIds(), accepted));
    }
}
