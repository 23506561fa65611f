package cn.kepu.media.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * PostgreSQL from zonky's relocatable binaries: {@code initdb} once, then {@code pg_ctl}, which leaves the server
 * running on its own. Its pidfile is PostgreSQL's {@code postmaster.pid}.
 */
final class PostgresStore implements Store {

    private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());
    private static final String PORT = "postgres.port";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);
    private static final String SETTINGS = """

            # Local stack (cn.kepu.media.devstack.PostgresStore)
            listen_addresses = '127.0.0.1'
            # TCP only: the default socket folder (/var/run/postgresql) may be missing or not writable for us.
            unix_socket_directories = ''
            # Commits return before the WAL reaches the disk: an OS crash can lose the last ones, never corrupt data.
            synchronous_commit = off
            """;

    private final Distributions distributions;
    private final StackPorts ports;
    private final List<String> databases;
    private final Path dir;
    private final Path data;
    private final Path log;
    private final StoreProcess process;

    PostgresStore(Path dir, Distributions distributions, StackPorts ports, List<String> databases) {
        this.distributions = distributions;
        this.ports = ports;
        this.databases = List.copyOf(databases);
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        // The postmaster's command line; pg_ctl's and its shell's differ ("pg_ctl start -D", quoted paths).
        this.process = new StoreProcess(data.resolve("postmaster.pid"), "/bin/postgres -D " + data);
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public OptionalLong pid() {
        return process.pid();
    }

    int port() {
        return ports.recorded(PORT);
    }

    @Override
    public String endpoint() {
        return PostgresAdmin.jdbcUrl(port(), "postgres");
    }

    @Override
    public boolean isHealthy() {
        return PostgresAdmin.canConnect(port());
    }

    @Override
    public void start() throws IOException {
        Path bin = distributions.postgres().resolve("bin");
        StoreUser.directory(dir);
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            initdb(bin);
        }
        OsCommand.of(dir, bin.resolve("pg_ctl").toString(), "start", "-D", data.toString(), "-l", log.toString(),
                        "-w", "-t", Long.toString(START_TIMEOUT.toSeconds()), "-o", "-p " + ports.claim(PORT))
                .asStoreUser()
                .run(dir.resolve("pg_ctl.log"), START_TIMEOUT);
    }

    @Override
    public Duration startTimeout() {
        return START_TIMEOUT;
    }

    @Override
    public void provision() {
        PostgresAdmin.provision(port(), databases);
    }

    @Override
    public void stop() throws IOException {
        OptionalLong pid = process.pid();
        if (pid.isPresent()) {
            stopWithPgCtl(pid.getAsLong());
        }
        process.terminate(KILL_GRACE);
    }

    @Override
    public List<Path> logs() {
        return List.of(log);
    }

    /**
     * Fast shutdown: open sessions are ended (dev mode and tests keep pools open), data is flushed. With the pg_ctl next
     * to the running server's binary: it matches that server, and stopping needs no distribution from {@code target/}.
     */
    private void stopWithPgCtl(long pid) {
        try {
            Path pgCtl = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).resolveSibling("pg_ctl");
            OsCommand.of(dir, pgCtl.toString(), "stop", "-D", data.toString(),
                            "-m", "fast", "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds()))
                    .asStoreUser()
                    .run(dir.resolve("pg_ctl.log"), STOP_TIMEOUT.plusSeconds(5));
        } catch (LocalStackException | IOException e) {
            LOG.warning(() -> "pg_ctl stop failed, signalling PostgreSQL instead: " + e.getMessage());
        }
    }

    /**
     * Creates the cluster in a scratch folder first, so an interrupted initdb never leaves a half-made data folder.
     * UTF-8 with the builtin C.UTF-8 locale: Unicode-aware upper/lower-casing, no dependency on the OS's locales.
     */
    private void initdb(Path bin) throws IOException {
        Path scratch = dir.resolve("data.initdb");
        StackFiles.deleteTree(scratch);
        Path passwordFile = dir.resolve("superuser-password");
        Files.writeString(passwordFile, PostgresAdmin.SUPERUSER_PASSWORD + "\n");
        StoreUser.own(passwordFile);
        try {
            OsCommand.of(dir, bin.resolve("initdb").toString(), "-D", scratch.toString(), "-U", PostgresAdmin.SUPERUSER,
                            "--pwfile=" + passwordFile, "--auth=scram-sha-256", "--encoding=UTF8",
                            "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--locale=C.UTF-8")
                    .asStoreUser()
                    .run(dir.resolve("initdb.log"), START_TIMEOUT);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        Files.writeString(scratch.resolve("postgresql.conf"), SETTINGS, StandardOpenOption.APPEND);
        Files.move(scratch, data, StandardCopyOption.ATOMIC_MOVE);
    }
}
