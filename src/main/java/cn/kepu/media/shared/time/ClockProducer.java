package cn.kepu.media.shared.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The service's one clock: every rule that depends on "now" (deadlines, windows, embargoes, leases) reads the
 * injected {@link Clock}, never the wall clock directly, so tests can move time instead of waiting for it.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
