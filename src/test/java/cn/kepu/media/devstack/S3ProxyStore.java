package cn.kepu.media.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * An S3 API server: s3proxy on its filesystem provider, run with {@code java -jar} from its jar-with-dependencies (its
 * ~90 libraries stay off the test class path). It does not daemonize: we record the pid of the process we spawn. The
 * identity is fixed, so the app's storage credentials are the same on every machine. Buckets are the app's business.
 */
final class S3ProxyStore implements Store {

    static final String ACCESS_KEY = "kepu-local";
    static final String SECRET_KEY = "kepu-local-secret";
    private static final String PORT = "s3.port";
    /** Small and quick to start: s3proxy streams objects to disk, it holds little in memory. */
    private static final List<String> JAVA_OPTS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Distributions distributions;
    private final StackPorts ports;
    private final Path dir;
    private final Path settings;
    private final Path log;
    private final StoreProcess process;

    S3ProxyStore(Path dir, Distributions distributions, StackPorts ports) {
        this.distributions = distributions;
        this.ports = ports;
        this.dir = dir;
        this.settings = dir.resolve("s3proxy.conf");
        this.log = dir.resolve("s3proxy.log");
        this.process = new StoreProcess(dir.resolve("s3proxy.pid"), "--properties " + settings);
    }

    @Override
    public String name() {
        return "S3 (s3proxy)";
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
        return "http://127.0.0.1:" + port();
    }

    /** Any answer will do: an unsigned request gets 403, which proves the server is up and checking signatures. */
    @Override
    public boolean isHealthy() {
        return Http.status(URI.create(endpoint() + "/")).isPresent();
    }

    @Override
    public void start() throws IOException {
        Path jar = distributions.s3proxy();
        Path data = StackFiles.directory(dir.resolve("data"));
        StackFiles.writeAtomically(settings, """
                # Written by the local stack at every start (cn.kepu.media.devstack.S3ProxyStore).
                s3proxy.endpoint=http://127.0.0.1:%d
                s3proxy.authorization=aws-v2-or-v4
                s3proxy.identity=%s
                s3proxy.credential=%s
                # Browsers upload straight to storage with presigned URLs; the uploader reads each part's ETag.
                s3proxy.cors-allow-origins=*
                s3proxy.cors-allow-methods=GET HEAD PUT POST DELETE
                s3proxy.cors-allow-headers=*
                s3proxy.cors-exposed-headers=ETag
                jclouds.provider=filesystem-nio2
                jclouds.filesystem.basedir=%s
                """.formatted(ports.claim(PORT), ACCESS_KEY, SECRET_KEY, data));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_OPTS);
        command.addAll(List.of("-jar", jar.toString(), "--properties", settings.toString()));
        process.writePidfile(OsCommand.of(dir, command).spawn(log));
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
