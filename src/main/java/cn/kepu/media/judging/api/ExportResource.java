package cn.kepu.media.judging.api;

import cn.kepu.media.judging.Aggregation;
import cn.kepu.media.judging.RoundExports;
import cn.kepu.media.shared.error.ApiException;
import cn.kepu.media.shared.error.Messages;
import cn.kepu.media.shared.error.Msg;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Arrays;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Organizer exports over REST: a round's results as CSV and its entries as a streamed ZIP. Reading, authorization and
 * formats are {@link RoundExports}'; this maps the request and the errors.
 */
@Path("/api/rounds/{roundId}")
public class ExportResource {

    private final RoundExports exports;

    public ExportResource(RoundExports exports) {
        this.exports = exports;
    }

    @GET
    @Path("/results.csv")
    @Produces("text/csv; charset=UTF-8")
    public Response resultsCsv(@PathParam("roundId") String roundId,
            @QueryParam("method") @DefaultValue("WEIGHTED_MEAN") String methodName) {
        // Parsed here, not by JAX-RS: its conversion failure is a bare 404 without a body.
        Aggregation.Method method = Arrays.stream(Aggregation.Method.values())
                .filter(m -> m.name().equals(methodName)).findFirst()
                .orElseThrow(() -> ApiException.validation("method", Msg.of("shared.validation.enum", "method",
                        methodName, Arrays.toString(Aggregation.Method.values()).replaceAll("[\\[\\]]", ""))));
        return Response.ok(exports.resultsCsv(roundId, method))
                .header("Content-Disposition", "attachment; filename=\"round-results.csv\"").build();
    }

    @GET
    @Path("/entries.zip")
    @Produces("application/zip")
    public Response entriesZip(@PathParam("roundId") String roundId) {
        RoundExports.EntriesPackage pkg = exports.entries(roundId);
        StreamingOutput body = out -> exports.writeZip(pkg, out);
        return Response.ok(body).header("Content-Disposition",
                "attachment; filename=\"round-" + pkg.roundNumber() + "-entries.zip\"").build();
    }

    @ServerExceptionMapper
    Response mapApiException(ApiException e, HttpHeaders headers) {
        Response.Status status = switch (e.code()) {
            case UNAUTHENTICATED -> Response.Status.UNAUTHORIZED;
            case FORBIDDEN -> Response.Status.FORBIDDEN;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
            default -> Response.Status.BAD_REQUEST;
        };
        return Response.status(status).type("application/json")
                .entity(Map.of("code", e.code().name(), "message", e.message(
                        Messages.fromAcceptLanguage(headers.getHeaderString("Accept-Language")))))
                .build();
    }
}
