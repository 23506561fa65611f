package cn.kepu.media.media.api;

import cn.kepu.media.media.BulkDownloads;
import cn.kepu.media.media.BulkStreams;
import cn.kepu.media.media.MediaConfig;
import cn.kepu.media.shared.error.ErrorCode;
import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Map;
import java.util.Optional;

/**
 * Serves bulk downloads under the URL {@code bulkDownload} handed out: the ZIP is written while it is read, one file
 * at a time from object storage (see {@link BulkDownloads#write}). Unknown and expired tokens get the same 404. At most
 * {@code kepu.media.bulk.max-streams} run at once on an instance, {@code max-streams-per-account} per outlet
 * ({@link BulkStreams}); past that the fetch gets 429 with {@code Retry-After} and a typed {@code RATE_LIMITED} body in
 * the caller's language, and the URL stays valid for the retry.
 */
@Path("/media/bulk")
public class BulkDownloadResource {

    private final BulkDownloads bulk;
    private final BulkStreams streams;
    private final MediaConfig.Bulk config;

    public BulkDownloadResource(BulkDownloads bulk, BulkStreams streams, MediaConfig config) {
        this.bulk = bulk;
        this.streams = streams;
        this.config = config.bulk();
    }

    @GET
    @Path("/{token}")
    public Response get(@PathParam("token") String token, @HeaderParam("Accept-Language") String language) {
        Optional<BulkDownloads.Prepared> download = bulk.open(token);
        if (download.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).header("Cache-Control", "no-store").build();
        }
        BulkStreams.Result slot = streams.tryAcquire(download.get().accountId());
        if (slot.permit().isEmpty()) {
            int retryAfter = config.busyRetryAfterSeconds();
            Msg message = slot.refusal().orElseThrow() == BulkStreams.Refusal.ACCOUNT
                    ? Msg.of("media.bulk.busyAccount", config.maxStreamsPerAccount(), retryAfter)
                    : Msg.of("media.bulk.busy", config.maxStreams(), retryAfter);
            return Response.status(429).type("application/json").header("Retry-After", retryAfter)
                    .header("Cache-Control", "no-store")
                    .entity(Map.of("code", ErrorCode.RATE_LIMITED.name(), "retryAfterSeconds", retryAfter,
                            "message", message.in(Messages.fromAcceptLanguage(language))))
                    .build();
        }
        BulkStreams.Permit permit = slot.permit().get();
        StreamingOutput body = out -> {
            try (permit) {
                bulk.write(download.get(), out);
            }
        };
        return Response.ok(body)
                .type("application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + download.get().fileName() + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
