package cn.kepu.media.media.api;

import cn.kepu.media.media.BulkDownloads;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Optional;

/**
 * Serves bulk downloads under the URL {@code bulkDownload} handed out: the ZIP is written while it is read, one file
 * at a time from object storage (see {@link BulkDownloads#write}). Unknown and expired tokens get the same 404.
 */
@Path("/media/bulk")
public class BulkDownloadResource {

    private final BulkDownloads bulk;

    public BulkDownloadResource(BulkDownloads bulk) {
        this.bulk = bulk;
    }

    @GET
    @Path("/{token}")
    public Response get(@PathParam("token") String token) {
        Optional<BulkDownloads.Prepared> download = bulk.open(token);
        if (download.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).header("Cache-Control", "no-store").build();
        }
        StreamingOutput body = out -> bulk.write(download.get(), out);
        return Response.ok(body)
                .type("application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + download.get().fileName() + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
