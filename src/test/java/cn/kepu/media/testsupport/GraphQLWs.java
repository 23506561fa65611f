package cn.kepu.media.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal graphql-transport-ws client for subscription tests: connects with a bearer token, subscribes and waits
 * for the first message, the way a browser client does.
 */
public final class GraphQLWs implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    private GraphQLWs(String login) throws Exception {
        this(login, java.util.Map.of(), "{}");
    }

    private GraphQLWs(String login, java.util.Map<String, String> headers, String initPayload) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("graphql-transport-ws").connectTimeout(Duration.ofSeconds(5));
        if (login != null) {
            String token = given().get("/dev/token/" + login).then().statusCode(200).extract().asString();
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        StringBuilder partial = new StringBuilder();
        socket = builder.buildAsync(URI.create("ws://localhost:" + RestAssured.port + "/graphql"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).get(5, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"connection_init\",\"payload\":" + initPayload + "}", true).get(5, TimeUnit.SECONDS);
        JsonPath ack = next(Duration.ofSeconds(5));
        if (ack == null || !"connection_ack".equals(ack.getString("type"))) {
            throw new AssertionError("no connection_ack: " + (ack == null ? "timeout" : ack.prettify()));
        }
    }

    /** Connects as a demo login, or anonymously when login is null. */
    public static GraphQLWs connect(String login) throws Exception {
        return new GraphQLWs(login);
    }

    /** Connects with extra upgrade-request headers and a {@code connection_init} payload (a JSON object). */
    public static GraphQLWs connect(String login, java.util.Map<String, String> headers, String initPayload)
            throws Exception {
        return new GraphQLWs(login, headers, initPayload);
    }

    public void subscribe(String query) throws Exception {
        subscribe(query, java.util.Map.of());
    }

    /** Subscribes with variables (e.g. the id of the upload to watch). */
    public void subscribe(String query, java.util.Map<String, Object> variables) throws Exception {
        String message = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(java.util.Map.of(
                "id", "1", "type", "subscribe", "payload", java.util.Map.of("query", query, "variables", variables)));
        socket.sendText(message, true).get(5, TimeUnit.SECONDS);
    }

    /** The next message, or null when none arrives in time (a live subscription with nothing to say yet). */
    public JsonPath next(Duration timeout) throws InterruptedException {
        String message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return message == null ? null : JsonPath.from(message);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
