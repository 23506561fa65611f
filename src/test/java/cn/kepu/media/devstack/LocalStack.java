package cn.kepu.media.devstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The local stack: a real PostgreSQL, Elasticsearch, S3 and SMTP server for dev runs and tests, each its own OS process that
 * outlives this JVM, so that the next dev run or test run reuses it (see {@link cn.kepu.media.devstack}).
 *
 * <p>Used by the tests' {@code LocalStackTestResource} and, through {@link #main}, by {@code deploy/local/*.sh}. Run
 * from the project folder: the distributions come from its {@code target/local-stack-dist}, and the stack home
 * defaults to its {@code .local-stack} (see {@link StackHome}).
 */
public final class LocalStack {

    // JUL rather than System.Logger: under Quarkus it is the app's logging, run alone it prints to stderr.
    private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());

    private final StackHome home;
    private final PostgresStore postgres;
    private final ElasticsearchStore elasticsearch;
    private final S3ProxyStore s3;
    private final GreenMailStore mail;
    private final KeycloakStore keycloak;
    /** The stores every run needs; Keycloak is started besides them when asked for (see {@link #ensureRunning(boolean)}). */
    private final List<Store> stores;
    private final JwtDevKeys jwtKeys;

    private LocalStack(Path projectDir, StackHome home) {
        StackPorts ports = new StackPorts(home.resolve("stack.properties"));
        Distributions distributions = new Distributions(projectDir, home.resolve("dist"));
        List<String> databases = Arrays.stream(Namespace.values()).map(Namespace::database).toList();
        this.home = home;
        this.postgres = new PostgresStore(home.resolve("postgres"), distributions, ports, databases);
        this.elasticsearch = new ElasticsearchStore(home.resolve("elasticsearch"), distributions, ports);
        this.s3 = new S3ProxyStore(home.resolve("s3proxy"), distributions, ports);
        this.mail = new GreenMailStore(home.resolve("greenmail"), distributions, ports);
        this.keycloak = new KeycloakStore(home.resolve("keycloak"), distributions, ports, projectDir.resolve("deploy"));
        this.stores = List.of(postgres, elasticsearch, s3, mail);
        this.jwtKeys = JwtDevKeys.in(home.resolve("jwt"));
    }

    /**
     * Starts whatever part of the stack is not running and healthy, and reuses the rest. Returns once every store is
     * healthy. Holds a file lock in the stack home meanwhile, so that two JVMs never start two stacks.
     *
     * @throws LocalStackException if a store does not come up; the message holds the end of its log
     */
    public static synchronized LocalStack ensureRunning() {
        return ensureRunning(false);
    }

    /**
     * As {@link #ensureRunning()}, and with {@code withKeycloak} Keycloak too, started in parallel with the other
     * stores. Keycloak is the slowest store and only the production sign-in tests and dev runs need it, so a targeted
     * test run leaves it out.
     */
    public static synchronized LocalStack ensureRunning(boolean withKeycloak) {
        LocalStack stack = forThisProject();
        try (FileChannel lock = stack.home.lock()) {
            stack.startWhatIsMissing(withKeycloak ? stack.storesWithKeycloak() : stack.stores);
        } catch (IOException e) {
            throw new LocalStackException("Cannot start the local stack in " + stack.home, e);
        }
        return stack;
    }

    /** Starts or reuses Keycloak (with the realm {@code kepu} and the demo logins); returns its issuer. */
    public String ensureKeycloak() {
        try (FileChannel lock = home.lock()) {
            startOrReuse(keycloak);
        } catch (IOException e) {
            throw new LocalStackException("Cannot start Keycloak in " + home, e);
        }
        return keycloak.issuer();
    }

    /** The realm's issuer ({@code http://127.0.0.1:<port>/realms/kepu}); its JWKS is {@code <issuer>/protocol/openid-connect/certs}. */
    public String keycloakIssuer() {
        return keycloak.issuer();
    }

    private List<Store> storesWithKeycloak() {
        List<Store> all = new ArrayList<>(stores);
        all.add(keycloak);
        return all;
    }

    /** The stack home: the folder with the stores' data, logs and pidfiles. */
    public Path home() {
        return home.dir();
    }

    /** Whether this process started (a part of) the running stack, as opposed to reusing one left running. */
    public boolean startedByThisProcess() {
        return home.startedByThisProcess();
    }

    /**
     * The app's connection settings for this stack.
     *
     * @param namespace {@code "dev"} or {@code "test"}: they share the servers but not the database, bucket or indices
     */
    public Map<String, String> quarkusConfig(String namespace) {
        Namespace space = Namespace.of(namespace);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", PostgresAdmin.jdbcUrl(postgres.port(), space.database()));
        config.put("quarkus.datasource.username", PostgresAdmin.APP_USER);
        config.put("quarkus.datasource.password", PostgresAdmin.APP_PASSWORD);
        config.put("quarkus.elasticsearch.hosts", "127.0.0.1:" + elasticsearch.port());
        config.put("kepu.storage.endpoint", s3.endpoint());
        config.put("kepu.storage.access-key", S3ProxyStore.ACCESS_KEY);
        config.put("kepu.storage.secret-key", S3ProxyStore.SECRET_KEY);
        config.put("kepu.storage.bucket", space.bucket());
        config.put("kepu.search.index-prefix", space.indexPrefix());
        // Indirect (application.properties maps it for %dev and %test), so a test profile can still point
        // mp.jwt.verify.* at Keycloak: a test resource's settings outrank a profile's overrides in Quarkus 3.34.
        config.put("kepu.identity.dev-public-key", jwtKeys.publicKey().toString());
        config.put("smallrye.jwt.sign.key.location", jwtKeys.privateKey().toString());
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(mail.smtpPort()));
        config.put("quarkus.mailer.start-tls", "DISABLED");
        // Not app settings: where tests (and people) read the mailboxes.
        config.put("kepu.local-stack.mail-api", mail.api());
        config.put("kepu.local-stack.mail-imap-port", Integer.toString(mail.imapPort()));
        return Collections.unmodifiableMap(config);
    }

    /** Stops all the stores (PostgreSQL with a fast shutdown, the others SIGTERM, then SIGKILL); keeps their data. */
    public void stop() {
        try (FileChannel lock = home.lock()) {
            forEachStore(storesWithKeycloak(), store -> {
                store.stop();
                return store;
            });
            home.clearStartedBy();
        } catch (IOException e) {
            throw new LocalStackException("Cannot stop the local stack in " + home, e);
        }
        LOG.info(() -> "Local stack stopped (" + home + ")");
    }

    /** Stops Elasticsearch alone, keeping its data: for tests of what happens while the index is unreachable. */
    public void stopElasticsearch() {
        stopAlone(elasticsearch);
    }

    /**
     * Stops PostgreSQL alone (a fast shutdown: open connections are closed, the data is kept), for tests of a database
     * outage. The tests share one stack: start it again with {@link #startPostgres()} in a {@code finally}.
     */
    public void stopPostgres() {
        stopAlone(postgres);
    }

    /** Starts PostgreSQL again after {@link #stopPostgres()}, on its recorded port; returns once it accepts queries. */
    public void startPostgres() {
        startAlone(postgres);
    }

    /**
     * Stops the S3 server alone (its files are kept), for tests of an object-storage outage. The tests share one
     * stack: start it again with {@link #startObjectStorage()} in a {@code finally}.
     */
    public void stopObjectStorage() {
        stopAlone(s3);
    }

    /** Starts the S3 server again after {@link #stopObjectStorage()}, on its recorded port; returns once healthy. */
    public void startObjectStorage() {
        startAlone(s3);
    }

    private void stopAlone(Store store) {
        try (FileChannel lock = home.lock()) {
            store.stop();
        } catch (IOException e) {
            throw new LocalStackException("Cannot stop " + store.name() + " in " + home, e);
        }
    }

    private void startAlone(Store store) {
        try (FileChannel lock = home.lock()) {
            startOrReuse(store);
        } catch (IOException e) {
            throw new LocalStackException("Cannot start " + store.name() + " in " + home, e);
        }
    }

    /**
     * Pauses (SIGSTOP) or resumes (SIGCONT) Elasticsearch's process: a hung store, not a stopped one, whose port still
     * accepts connections but never answers. Always resume in a {@code finally}.
     */
    public void pauseElasticsearch(boolean pause) {
        long pid = elasticsearch.pid().orElseThrow(() -> new LocalStackException("Elasticsearch is not running"));
        try {
            Process kill = new ProcessBuilder("kill", pause ? "-STOP" : "-CONT", Long.toString(pid))
                    .redirectErrorStream(true).start();
            if (kill.waitFor() != 0) {
                throw new LocalStackException("kill " + (pause ? "-STOP " : "-CONT ") + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new LocalStackException("Cannot signal Elasticsearch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while signalling Elasticsearch", e);
        }
    }

    /** Starts Elasticsearch again after {@link #stopElasticsearch()}, on its recorded port; returns once healthy. */
    public void startElasticsearch() {
        startAlone(elasticsearch);
    }

    /** Stops the SMTP server alone: for tests of what happens while the mail relay is unreachable. */
    public void stopMail() {
        try (FileChannel lock = home.lock()) {
            mail.stop();
        } catch (IOException e) {
            throw new LocalStackException("Cannot stop GreenMail in " + home, e);
        }
    }

    /** Starts the SMTP server again after {@link #stopMail()}, on its recorded ports (with empty mailboxes). */
    public void startMail() {
        try (FileChannel lock = home.lock()) {
            startOrReuse(mail);
        } catch (IOException e) {
            throw new LocalStackException("Cannot start GreenMail in " + home, e);
        }
    }

    /**
     * {@code start}: start or reuse the stack, write {@code <stack home>/dev.properties} (the dev settings for
     * {@code quarkus.config.locations}) and print its path on stdout; {@code stop}; {@code status} (exit code 3 unless
     * all stores are healthy). Reports go to stderr.
     */
    public static void main(String[] args) throws IOException {
        String command = args.length == 1 ? args[0] : "";
        try {
            switch (command) {
                case "start" -> {
                    LocalStack stack = ensureRunning(!"false".equalsIgnoreCase(System.getenv("KEPU_STACK_KEYCLOAK")));
                    System.err.print(stack.status());
                    if (stack.keycloak.pid().isPresent()) {
                        stack.writeKeycloakProperties();
                    }
                    System.out.println(stack.writeDevProperties());
                }
                case "stop" -> forThisProject().stop();
                case "status" -> {
                    LocalStack stack = forThisProject();
                    System.err.print(stack.status());
                    System.exit(stack.isHealthy() ? 0 : 3);
                }
                default -> {
                    System.err.println("Usage: LocalStack start|stop|status");
                    System.exit(2);
                }
            }
        } catch (LocalStackException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static LocalStack forThisProject() {
        Path projectDir = Path.of("").toAbsolutePath();
        if (!Files.exists(projectDir.resolve("pom.xml"))) {
            throw new LocalStackException("Run the local stack from the project folder (the one with pom.xml), not from " + projectDir);
        }
        return new LocalStack(projectDir, StackHome.of(projectDir));
    }

    private void startWhatIsMissing(List<Store> wanted) throws IOException {
        long begin = System.nanoTime();
        jwtKeys.ensureExist();
        List<Outcome> outcomes = forEachStore(wanted, store -> new Outcome(store.name(), startOrReuse(store)));
        if (outcomes.stream().anyMatch(Outcome::started)) {
            home.markStartedByThisProcess();
        }
        String took = seconds(System.nanoTime() - begin);
        LOG.info(() -> "Local stack ready in " + took + " (" + home + "): "
                + outcomes.stream().map(Outcome::toString).collect(Collectors.joining(", ")));
    }

    /** Returns whether the store had to be started. */
    private static boolean startOrReuse(Store store) throws IOException {
        if (store.pid().isPresent() && Poll.until(store::isHealthy, store.startTimeout())) {
            store.provision();
            return false;
        }
        // Clears what a crashed or interrupted run left: a half-started or wedged server, a stale pidfile.
        store.stop();
        long begin = System.nanoTime();
        try {
            store.start();
            if (!Poll.until(store::isHealthy, store.startTimeout())) {
                throw new LocalStackException("not healthy within " + store.startTimeout().toSeconds() + " s");
            }
            store.provision();
        } catch (LocalStackException | IOException e) {
            String logs = store.logs().stream().map(StackFiles::tail).collect(Collectors.joining("\n"));
            throw new LocalStackException(store.name() + " failed to start: " + message(e) + "\n" + logs, e);
        }
        String took = seconds(System.nanoTime() - begin);
        LOG.info(() -> store.name() + " started in " + took);
        return true;
    }

    /**
     * Runs {@code task} on all stores at once: a cold start takes as long as the slowest store, not the sum.
     * Waits for all, then reports every failure together.
     */
    private <T> List<T> forEachStore(List<Store> stores, StoreTask<T> task) {
        try (ExecutorService pool = Executors.newFixedThreadPool(stores.size(), Thread.ofPlatform().name("local-stack-", 0).factory())) {
            List<Future<T>> futures = stores.stream().map(store -> pool.submit(() -> task.run(store))).toList();
            List<T> results = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            if (!failures.isEmpty()) {
                LocalStackException failure = new LocalStackException(
                        failures.stream().map(LocalStack::message).collect(Collectors.joining("\n\n")));
                failures.forEach(failure::addSuppressed);
                throw failure;
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while starting or stopping the local stack", e);
        }
    }

    private static String message(Throwable failure) {
        return failure instanceof LocalStackException ? failure.getMessage() : failure.toString();
    }

    private boolean isHealthy() {
        return storesWithKeycloak().stream().filter(store -> store != keycloak || keycloak.pid().isPresent()).allMatch(store -> store.pid().isPresent() && store.isHealthy());
    }

    private String status() {
        StringBuilder status = new StringBuilder("Local stack home: " + home + "\n");
        for (Store store : storesWithKeycloak()) {
            OptionalLong pid = store.pid();
            status.append(String.format("  %-14s %s%n", store.name(), pid.isEmpty() ? "stopped"
                    : (store.isHealthy() ? "healthy" : "NOT ANSWERING") + "  pid " + pid.getAsLong() + "  " + store.endpoint()));
        }
        return status.toString();
    }

    /**
     * Writes {@code <stack home>/keycloak.properties}: the settings that make the app verify Keycloak's tokens, as
     * production does (issuer and JWKS URL), for {@code KEPU_SIGN_IN=keycloak deploy/local/run.sh}.
     */
    private void writeKeycloakProperties() throws IOException {
        String issuer = keycloak.issuer();
        StackFiles.writeAtomically(home.resolve("keycloak.properties"), """
                # Sign-in through the local Keycloak instead of dev tokens (deploy/local/run.sh with KEPU_SIGN_IN=keycloak).
                mp.jwt.verify.issuer=%s
                mp.jwt.verify.publickey.location=%s/protocol/openid-connect/certs
                """.formatted(issuer, issuer));
    }

    private Path writeDevProperties() throws IOException {
        Path file = home.resolve("dev.properties");
        StringBuilder text = new StringBuilder("""
                # The local stack's settings for dev mode: ./mvnw quarkus:dev -Dquarkus.config.locations=<this file>.
                # Rewritten by every "LocalStack start" (deploy/local/run.sh): change application.properties instead.
                """);
        quarkusConfig("dev").forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        StackFiles.writeAtomically(file, text.toString());
        return file;
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", Duration.ofNanos(nanos).toMillis() / 1000.0);
    }

    private record Outcome(String store, boolean started) {
        @Override
        public String toString() {
            return store + (started ? " started" : " reused");
        }
    }

    @FunctionalInterface
    private interface StoreTask<T> {
        T run(Store store) throws IOException;
    }

    /** Dev runs and tests share the servers, but each has its own database, bucket and index names. */
    private enum Namespace {
        DEV("kepu", "kepu-media", "dev-"),
        TEST("kepu_test", "kepu-media-test", "test-");

        private final String database;
        private final String bucket;
        private final String indexPrefix;

        Namespace(String database, String bucket, String indexPrefix) {
            this.database = database;
            this.bucket = bucket;
            this.indexPrefix = indexPrefix;
        }

        static Namespace of(String name) {
            return Arrays.stream(values()).filter(space -> space.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Namespace must be \"dev\" or \"test\", not " + name));
        }

        String database() {
            return database;
        }

        String bucket() {
            return bucket;
        }

        String indexPrefix() {
            return indexPrefix;
        }
    }
}
