package cn.kepu.media.media.api;

import cn.kepu.media.works.Licence;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("BulkDownloadInput")
@Description("Works to download as one ZIP, and the licences the outlet accepts for them.")
public record BulkDownloadInput(
        @NonNull @Description("Published works with files, in the order the ZIP lists them.")
        @Id List<@NonNull String> workIds,
        @NonNull @Description("Must include the licence of every chosen work (see each work's licence).")
        List<@NonNull Licence> acceptLicences) {
}
