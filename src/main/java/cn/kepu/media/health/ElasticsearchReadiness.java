package cn.kepu.media.health;

import cn.kepu.media.shared.health.BoundedProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.apache.http.client.config.RequestConfig;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;

/**
 * UP while the cluster is yellow or green; {@code GET /} is avoided, minimal distributions answer it 405. The probe
 * has its own client-side time-outs ({@link #TIMEOUT_MILLIS}): Elasticsearch's {@code ?timeout=} is applied by the server,
 * which does nothing when the server hangs, and the client's default would hold the probe for 30 s. It runs on a
 * thread of its own, beside the other checks (SmallRye Health calls plain checks one after another): a hung
 * Elasticsearch costs a probe this check's time-out once, not added to the search-index check's wait.
 */
@Readiness
public class ElasticsearchReadiness implements AsyncHealthCheck {

    /** How long a probe waits for Elasticsearch, client side. */
    static final int TIMEOUT_MILLIS = 2_000;

    private final RestClient client;
    private final ObjectMapper json;

    public ElasticsearchReadiness(RestClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return BoundedProbe.of("elasticsearch", this::check);
    }

    HealthCheckResponse check() {
        var response = HealthCheckResponse.named("elasticsearch");
        try {
            Request request = new Request("GET", "/_cluster/health");
            request.addParameter("timeout", "1s");
            request.setOptions(RequestOptions.DEFAULT.toBuilder().setRequestConfig(RequestConfig.custom()
                    .setConnectTimeout(TIMEOUT_MILLIS).setConnectionRequestTimeout(TIMEOUT_MILLIS)
                    .setSocketTimeout(TIMEOUT_MILLIS).build()));
            JsonNode health = json.readTree(client.performRequest(request).getEntity().getContent());
            String status = health.path("status").asText();
            return response.status(!"red".equals(status))
                    .withData("status", status)
                    .withData("cluster", health.path("cluster_name").asText())
                    .build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
