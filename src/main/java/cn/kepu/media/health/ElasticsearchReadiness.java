package cn.kepu.media.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/** UP while the cluster is yellow or green; {@code GET /} is avoided, minimal distributions answer it 405. */
@Readiness
public class ElasticsearchReadiness implements HealthCheck {

    private final RestClient client;
    private final ObjectMapper json;

    public ElasticsearchReadiness(RestClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("elasticsearch");
        try {
            Request request = new Request("GET", "/_cluster/health");
            request.addParameter("timeout", "3s");
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
