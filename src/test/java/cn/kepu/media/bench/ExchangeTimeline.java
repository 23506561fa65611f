package cn.kepu.media.bench;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * For the upload benchmark's per-phase profile only ({@code -Dbench.phases=true}): times each {@code /graphql} exchange
 * on the server as two JDK Flight Recorder events, from its arrival to the end of the request gate (authentication,
 * rate limit, body, document checks) and from there to the end of the response (SmallRye GraphQL, the service,
 * serialisation). Registers nothing otherwise.
 */
@ApplicationScoped
public class ExchangeTimeline {

    /** Before every other route of {@code /graphql} (the gate's first is at -1002). */
    private static final int FIRST = -10_000;
    /** Right after the gate's document check (-148), before SmallRye GraphQL's route. */
    private static final int AFTER_GATE = -147;
    private static final String GATE = "bench.gate";

    @Name("cn.kepu.media.bench.GraphQLExchange")
    @Label("GraphQL exchange part")
    @Category("kepu-bench")
    @StackTrace(false)
    static final class Part extends Event {
        @Label("Part")
        String part;

        Part(String part) {
            this.part = part;
        }
    }

    void register(@Observes Router router) {
        if (!Boolean.getBoolean("bench.phases")) {
            return;
        }
        router.route("/graphql").order(FIRST).handler(this::arrived);
        router.post("/graphql").order(AFTER_GATE).handler(this::passedGate);
    }

    private void arrived(RoutingContext context) {
        Part gate = new Part("http: arrival to gate passed (auth, rate limit, body, document checks)");
        gate.begin();
        context.put(GATE, gate);
        context.addBodyEndHandler(ignored -> {
            Object unfinished = context.get(GATE);
            if (unfinished instanceof Part part) {
                part.commit();
            }
        });
        context.next();
    }

    private void passedGate(RoutingContext context) {
        Part gate = context.get(GATE);
        if (gate != null) {
            gate.commit();
            context.remove(GATE);
        }
        Part execution = new Part("http: gate passed to response end (GraphQL, service, serialisation)");
        execution.begin();
        context.addBodyEndHandler(ignored -> execution.commit());
        context.next();
    }
}
