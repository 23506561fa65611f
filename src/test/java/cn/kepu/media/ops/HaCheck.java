package cn.kepu.media.ops;

import cn.kepu.media.bench.BenchClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks of two instances behind a load balancer, run by deploy/ha/two-instances.sh, each printing PASS or FAIL:
 *
 * <pre>
 * HaCheck fanout   LB A B KEY          # a subscriber on one instance hears a change made on the other, both ways,
 *                                      # and a subscriber through the balancer hears changes made on A and on B
 * HaCheck writes   LB KEY SECONDS OUT  # creates works through LB until SECONDS pass; writes acknowledged titles to OUT
 * </pre>
 *
 * {@code writes} runs while the script kills an instance: it records which creations were acknowledged, which
 * failed (in flight on the killed instance) and prints both; the script then checks the database for every
 * acknowledged one.
 */
public final class HaCheck {

    private HaCheck() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "fanout" -> System.exit(fanout(URI.create(args[1]), URI.create(args[2]), URI.create(args[3]),
                    Path.of(args[4])) ? 0 : 1);
            case "writes" -> writes(URI.create(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
            default -> throw new IllegalArgumentException("fanout | writes");
        }
    }

    private static boolean fanout(URI lb, URI a, URI b, Path key) throws Exception {
        BenchClient api = new BenchClient(lb, key, "https://kepu.local/dev");
        String run = UUID.randomUUID().toString().substring(0, 6);
        String organizer = api.account("ha-org-" + run, "ORGANIZER", "科技周组委会");
        String contest = api.call(organizer, "mutation($input: ContestInput!) { createContest(input: $input) { id } }",
                Map.of("input", BenchClient.contestInput("多实例演练 " + run))).ok().path("createContest").path("id").asText();
        boolean ok = true;
        ok &= oneWay(api, contest, "ha-entrant-ab-" + run, b, a, "on instance B", "A");
        ok &= oneWay(api, contest, "ha-entrant-ba-" + run, a, b, "on instance A", "B");
        // Through HAProxy (WebSocket upgrade, tunnel): the balancer picks the instance; one of the two changes is
        // made on the other one.
        ok &= oneWay(api, contest, "ha-entrant-la-" + run, lb, a, "through the balancer", "A");
        ok &= oneWay(api, contest, "ha-entrant-lb-" + run, lb, b, "through the balancer", "B");
        return ok;
    }

    /** The entrant subscribes on {@code listenOn}, then submits an entry through {@code changeOn}. */
    private static boolean oneWay(BenchClient api, String contest, String subject, URI listenOn, URI changeOn,
            String listenName, String changeName) throws Exception {
        String entrant = api.account(subject, "ENTRANT", "参赛单位 " + subject);
        String work = api.createWork(entrant, "POSTER", "多实例作品 " + subject);
        api.upload(entrant, work).ok();
        try (Subscriber subscriber = new Subscriber(listenOn, entrant,
                "subscription { submissionStatusChanged { id status } }")) {
            long begin = System.nanoTime();
            String submission = api.submitWhenVerified(changeOn, entrant, contest, work);
            JsonNode event = subscriber.next(Duration.ofSeconds(10));
            long millis = (System.nanoTime() - begin) / 1_000_000;
            boolean heard = event != null && submission.equals(event.path("payload").path("data")
                    .path("submissionStatusChanged").path("id").asText());
            System.out.printf("%s  subscriber %s hears a submission made on instance %s%s%n",
                    heard ? "PASS" : "FAIL", listenName, changeName, heard ? " (" + millis + " ms after the request)"
                            : ": " + (event != null ? event : "nothing in 10 s" + subscriber.closed()));
            return heard;
        } catch (IllegalStateException e) {
            System.out.printf("FAIL  subscriber %s: %s%n", listenName, e.getMessage());
            return false;
        }
    }

    private static void writes(URI lb, Path key, int seconds, Path out) throws Exception {
        BenchClient api = new BenchClient(lb, key, "https://kepu.local/dev");
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> entrants = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            entrants.add(api.account("ha-writer-" + run + "-" + i, "ENTRANT", "写入单位" + i));
        }
        List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong sequence = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String entrant : entrants) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        String title = "多实例写入 " + run + " " + sequence.incrementAndGet();
                        try {
                            var answer = api.call(entrant, "mutation($input: WorkInput!) { createWork(input: $input)"
                                    + " { id } }", Map.of("input", BenchClient.workInput("POSTER", title)));
                            (answer.error() == null ? acknowledged : failed).add(title);
                        } catch (Exception e) {
                            failed.add(title);
                        }
                    }
                    return null;
                });
            }
        }
        Files.write(out, acknowledged);
        Files.write(Path.of(out + ".failed"), failed);
        System.out.printf("writes: %d acknowledged, %d failed (in flight on the killed instance, or refused)%n",
                acknowledged.size(), failed.size());
    }

    /**
     * A graphql-transport-ws subscriber that authenticates as browsers must (they cannot set headers on a
     * WebSocket): the bearer token in the {@code connection_init} payload, not on the upgrade request. Sending it in
     * both places is refused by the server (Quarkus closes the socket, 4400 "Authorization specified in multiple
     * locations"), which is what made the fan-out check of 2026-12-01 fail without a {@code connection_ack}.
     */
    private static final class Subscriber implements AutoCloseable {
        private final WebSocket socket;
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private volatile String closed = "";

        Subscriber(URI graphql, String token, String subscription) throws Exception {
            URI ws = URI.create(graphql.toString().replaceFirst("^http", "ws"));
            StringBuilder partial = new StringBuilder();
            socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(ws, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                messages.add(partial.toString());
                                partial.setLength(0);
                            }
                            w.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                            closed = "; the server closed the socket: " + status + " " + reason;
                            return null;
                        }

                        @Override
                        public void onError(WebSocket w, Throwable error) {
                            closed = "; socket error: " + error;
                        }
                    }).get(10, TimeUnit.SECONDS);
            if (!"graphql-transport-ws".equals(socket.getSubprotocol())) {
                throw new IllegalStateException("the upgrade answered sub-protocol '" + socket.getSubprotocol()
                        + "', not graphql-transport-ws");
            }
            socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}",
                    true).get(5, TimeUnit.SECONDS);
            JsonNode ack = next(Duration.ofSeconds(10));
            if (ack == null || !"connection_ack".equals(ack.path("type").asText())) {
                throw new IllegalStateException("no connection_ack: " + (ack != null ? ack : "nothing in 10 s" + closed));
            }
            socket.sendText(BenchClient.JSON.writeValueAsString(Map.of("id", "1", "type", "subscribe",
                    "payload", Map.of("query", subscription))), true).get(5, TimeUnit.SECONDS);
            // graphql-transport-ws acknowledges no subscribe: give the server a moment to register it before the
            // change is made (a harness, not a test; a late registration shows as a FAIL, never as a false PASS).
            Thread.sleep(300);
        }

        /**
         * The next message that is not the server's keep-alive: graphql-transport-ws servers send {@code ping} while
         * a subscription idles, which the B←A fan-out check of 2026-12-02 took for the event. Pings get their pong.
         */
        JsonNode next(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                String message = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
                if (message == null) {
                    return null;
                }
                JsonNode parsed = BenchClient.JSON.readTree(message);
                if (!"ping".equals(parsed.path("type").asText())) {
                    return parsed;
                }
                socket.sendText("{\"type\":\"pong\"}", true).get(5, TimeUnit.SECONDS);
            }
        }

        String closed() {
            return closed;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
