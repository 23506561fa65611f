package cn.kepu.media.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** One store of the local stack, run as its own OS process that outlives the JVM which started it. */
interface Store {

    /** For people: "PostgreSQL", "Elasticsearch", ... */
    String name();

    /** The pid of the store's running server process, if there is one (it may still be starting). */
    OptionalLong pid();

    /** Where it listens, for people (the port of a running store). */
    String endpoint();

    /** Whether it answers requests now. */
    boolean isHealthy();

    /** Prepares what is missing (distribution, folders, configuration) and launches the server; health is awaited by the caller. */
    void start() throws IOException;

    /** How long a start may take until the store is healthy, generous for a cold start on a busy CI machine. */
    Duration startTimeout();

    /** Creates what the app expects to find in the store; idempotent, run after every start and every reuse. */
    default void provision() {
    }

    /** Stops the server if it runs, and clears a stale pidfile; the data stays. */
    void stop() throws IOException;

    /** The logs that explain a failed start, most telling last. */
    List<Path> logs();
}
