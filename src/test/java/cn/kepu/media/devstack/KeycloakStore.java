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
 * Keycloak, the OIDC provider of production, from its server distribution ({@code keycloak-quarkus-dist} zip): run
 * with {@code kc.sh start-dev} on this JVM's Java (21 or newer), its database an H2 file in the stack home, the realm
 * {@code deploy/keycloak/kepu-realm.json} imported on first start (the same file production imports), and the demo
 * logins of {@code deploy/keycloak/dev-users.json} added by {@link #provision()} (local stack only, never production).
 *
 * <p>The issuer is pinned to {@code http://127.0.0.1:<port>/realms/kepu} ({@code --hostname}), so tokens carry the same
 * {@code iss} whichever address a client used. The bootstrap administrator is {@code admin}/{@code admin}.
 */
final class KeycloakStore implements Store {

    static final String REALM = "kepu";
    static final String ADMIN = "admin";
    private static final String PORT = "keycloak.http-port";
    private static final String MANAGEMENT_PORT = "keycloak.management-port";
    private static final int MIN_JAVA = 21;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Distributions distributions;
    private final StackPorts ports;
    private final Path dir;
    private final Path realmFile;
    private final Path devUsersFile;
    private final Path log;
    private final StoreProcess process;

    KeycloakStore(Path dir, Distributions distributions, StackPorts ports, Path deployDir) {
        this.distributions = distributions;
        this.ports = ports;
        this.dir = dir;
        this.realmFile = deployDir.resolve("keycloak/kepu-realm.json");
        this.devUsersFile = deployDir.resolve("keycloak/dev-users.json");
        this.log = dir.resolve("keycloak.log");
        this.process = new StoreProcess(dir.resolve("keycloak.pid"), "-Dkepu.stack.store=" + dir);
    }

    @Override
    public String name() {
        return "Keycloak";
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
        return "http://127.0.0.1:" + port() + "  (admin " + ADMIN + "/" + ADMIN + ", realm " + REALM + ")";
    }

    /** The realm's issuer, as tokens carry it in {@code iss}. */
    String issuer() {
        return "http://127.0.0.1:" + port() + "/realms/" + REALM;
    }

    /** Healthy once the realm answers: Keycloak is up and the import is done. */
    @Override
    public boolean isHealthy() {
        return Http.status(URI.create(issuer() + "/.well-known/openid-configuration")).orElse(0) == 200;
    }

    @Override
    public void start() throws IOException {
        if (Runtime.version().feature() < MIN_JAVA) {
            throw new LocalStackException("Keycloak needs Java " + MIN_JAVA + " or newer; this JVM is " + Runtime.version());
        }
        Path home = distributions.keycloak();
        StackFiles.directory(dir);
        // --import-realm reads <home>/data/import; the realm is imported once (an existing realm is left as it is).
        Path imports = StackFiles.directory(home.resolve("data/import"));
        Files.copy(realmFile, imports.resolve("kepu-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        int port = ports.claim(PORT);
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port,
                "--http-management-port=" + ports.claim(MANAGEMENT_PORT),
                "--hostname=http://127.0.0.1:" + port,
                "--db=dev-file", "--db-url=jdbc:h2:file:" + dir.resolve("h2/keycloakdb") + ";NON_KEYWORDS=VALUE;AUTO_SERVER=FALSE",
                "--import-realm", "--cache=local", "--log-console-color=false");
        long pid = OsCommand.of(dir, command)
                .withEnv(Map.of(
                        "JAVA_HOME", System.getProperty("java.home"),
                        "JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx512m",
                        // Marks the process as this stack home's Keycloak (see StoreProcess).
                        "JAVA_OPTS_APPEND", "-Dkepu.stack.store=" + dir + " -XX:TieredStopAtLevel=1",
                        "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN,
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN))
                .spawn(log);
        process.writePidfile(pid);
    }

    /** Adds the demo logins (idempotent: existing users are skipped). */
    @Override
    public void provision() {
        if (!Files.exists(devUsersFile)) {
            return;
        }
        try {
            KeycloakAdmin admin = KeycloakAdmin.login("http://127.0.0.1:" + port(), ADMIN, ADMIN);
            admin.partialImport(REALM, Files.readString(devUsersFile));
        } catch (IOException e) {
            throw new LocalStackException("Cannot add the demo logins to Keycloak: " + e.getMessage(), e);
        }
    }

    @Override
    public Duration startTimeout() {
        return START_TIMEOUT;
    }

    @Override
    public void stop() throws IOException {
        process.terminate(STOP_GRACE);
    }

    @Override
    public List<Path> logs() {
        return List.of(log);
    }
}
