package cn.kepu.media.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Elasticsearch from its integ-test-zip distribution (no bundled JDK: it runs on this JVM's Java, 21 or newer). Started
 * with {@code -d}: the launcher returns once the node is up (or failed) and leaves the node running on its own, with
 * its pid in the pidfile. Its configuration folder lives in the stack home, not in the unpacked distribution.
 */
final class ElasticsearchStore implements Store {

    private static final String HTTP_PORT = "elasticsearch.http-port";
    private static final String TRANSPORT_PORT = "elasticsearch.transport-port";
    private static final String CLUSTER = "kepu-local";
    private static final String JAVA_OPTS = "-Xms512m -Xmx512m";
    private static final int MIN_JAVA = 21;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Distributions distributions;
    private final StackPorts ports;
    private final Path dir;
    private final Path config;
    private final Path launcherLog;
    private final StoreProcess process;

    ElasticsearchStore(Path dir, Distributions distributions, StackPorts ports) {
        this.distributions = distributions;
        this.ports = ports;
        this.dir = dir;
        this.config = dir.resolve("config");
        this.launcherLog = dir.resolve("launcher.log");
        // The node gets its configuration folder through the environment; its temporary folder is on its command line.
        this.process = new StoreProcess(dir.resolve("elasticsearch.pid"), "-Djava.io.tmpdir=" + dir.resolve("tmp"));
    }

    @Override
    public String name() {
        return "Elasticsearch";
    }

    @Override
    public OptionalLong pid() {
        return process.pid();
    }

    int port() {
        return ports.recorded(HTTP_PORT);
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** Probes /_cluster/health: this distribution answers {@code GET /} with 405. */
    @Override
    public boolean isHealthy() {
        URI health = URI.create(endpoint() + "/_cluster/health?wait_for_status=yellow&timeout=1s");
        return Http.status(health).orElse(0) == 200;
    }

    @Override
    public void start() throws IOException {
        Path home = distributions.elasticsearch();
        prepareFolders(home);
        writeSettings(ports.claim(HTTP_PORT), ports.claim(TRANSPORT_PORT));
        OsCommand.of(dir, home.resolve("bin/elasticsearch").toString(), "-d", "-p", process.pidfile().toString())
                .withEnv(Map.of(
                        "ES_JAVA_HOME", javaHome(),
                        "ES_JAVA_OPTS", JAVA_OPTS,
                        "ES_PATH_CONF", config.toString(),
                        "ES_TMPDIR", dir.resolve("tmp").toString()))
                .asStoreUser()
                .run(launcherLog, START_TIMEOUT);
    }

    @Override
    public Duration startTimeout() {
        return START_TIMEOUT;
    }

    @Override
    public void stop() throws IOException {
        process.terminate(STOP_GRACE);
    }

    /** The node's log; a failed launch shows the launcher's output (launcher.log) by itself. */
    @Override
    public List<Path> logs() {
        return List.of(dir.resolve("logs/" + CLUSTER + ".log"));
    }

    private void prepareFolders(Path home) throws IOException {
        StoreUser.directory(dir);
        if (!Files.isDirectory(config)) {
            Path scratch = dir.resolve("config.partial");
            StackFiles.deleteTree(scratch);
            StackFiles.copyTree(home.resolve("config"), scratch);
            StoreUser.own(scratch);
            Files.move(scratch, config, StandardCopyOption.ATOMIC_MOVE);
        }
        for (String folder : List.of("data", "logs", "tmp")) {
            StoreUser.directory(dir.resolve(folder));
        }
    }

    /** Rewritten at every start: the ports may have changed. */
    private void writeSettings(int httpPort, int transportPort) throws IOException {
        StackFiles.writeAtomically(config.resolve("elasticsearch.yml"), """
                # Written by the local stack at every start (cn.kepu.media.devstack.ElasticsearchStore).
                cluster.name: %s
                node.name: %s
                path.data: "%s"
                path.logs: "%s"
                network.host: 127.0.0.1
                http.port: %d
                transport.port: %d
                discovery.type: single-node
                xpack.security.enabled: false
                # Dev and CI disks run nearly full: never turn indices read-only for that.
                cluster.routing.allocation.disk.threshold_enabled: false
                # Tests clean up with wildcards (DELETE test-*).
                action.destructive_requires_name: false
                """.formatted(CLUSTER, CLUSTER, dir.resolve("data"), dir.resolve("logs"), httpPort, transportPort));
    }

    private static String javaHome() {
        if (Runtime.version().feature() < MIN_JAVA) {
            throw new LocalStackException("Elasticsearch needs Java " + MIN_JAVA + " or newer and runs on this JVM's, which is "
                    + Runtime.version() + ": run with a JDK " + MIN_JAVA + "+ (the scripts in deploy/local pick one)");
        }
        return System.getProperty("java.home");
    }
}
