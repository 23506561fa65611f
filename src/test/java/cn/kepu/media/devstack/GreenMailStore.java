package cn.kepu.media.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A real SMTP and IMAP server for notifications: GreenMail standalone, run with {@code java -jar}. Authentication is
 * off, so it accepts mail for any address and keeps a mailbox per recipient (IMAP login and password: the address);
 * its REST API ({@code /api/user/<address>/messages/INBOX}, {@code /api/mail/purge}) lets tests read them. Mail lives
 * in memory: a restart of GreenMail empties the mailboxes, which is what a dev stack wants.
 */
final class GreenMailStore implements Store {

    private static final String SMTP_PORT = "greenmail.smtp-port";
    private static final String IMAP_PORT = "greenmail.imap-port";
    private static final String API_PORT = "greenmail.api-port";
    private static final List<String> JAVA_OPTS = List.of("-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Distributions distributions;
    private final StackPorts ports;
    private final Path dir;
    private final Path log;
    private final StoreProcess process;

    GreenMailStore(Path dir, Distributions distributions, StackPorts ports) {
        this.distributions = distributions;
        this.ports = ports;
        this.dir = dir;
        this.log = dir.resolve("greenmail.log");
        // The marker names this stack home's folder, so another worktree's GreenMail is never taken for ours.
        this.process = new StoreProcess(dir.resolve("greenmail.pid"), "-Dkepu.stack.store=" + dir);
    }

    @Override
    public String name() {
        return "SMTP (GreenMail)";
    }

    @Override
    public OptionalLong pid() {
        return process.pid();
    }

    int smtpPort() {
        return ports.recorded(SMTP_PORT);
    }

    int imapPort() {
        return ports.recorded(IMAP_PORT);
    }

    /** The REST API's base URL, e.g. {@code http://127.0.0.1:34567}. */
    String api() {
        return "http://127.0.0.1:" + ports.recorded(API_PORT);
    }

    @Override
    public String endpoint() {
        return "smtp://127.0.0.1:" + smtpPort() + "  imap://127.0.0.1:" + imapPort() + "  api " + api();
    }

    @Override
    public boolean isHealthy() {
        return Http.status(URI.create(api() + "/api/service/readiness")).orElse(0) == 200;
    }

    @Override
    public void start() throws IOException {
        Path jar = distributions.greenmail();
        StackFiles.directory(dir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_OPTS);
        command.addAll(List.of(
                "-Dkepu.stack.store=" + dir,
                "-Dgreenmail.hostname=127.0.0.1",
                "-Dgreenmail.smtp.port=" + ports.claim(SMTP_PORT),
                "-Dgreenmail.imap.port=" + ports.claim(IMAP_PORT),
                "-Dgreenmail.api.hostname=127.0.0.1",
                "-Dgreenmail.api.port=" + ports.claim(API_PORT),
                "-Dgreenmail.auth.disabled",
                "-jar", jar.toString()));
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
