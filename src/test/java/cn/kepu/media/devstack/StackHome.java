package cn.kepu.media.devstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The one folder that holds everything of the local stack: unpacked distributions, data, logs, pidfiles, the ports in
 * use ({@code stack.properties}) and the JWT dev keys.
 *
 * <p>{@code KEPU_STACK_HOME} overrides where it is. By default it is {@code <project>/.local-stack}, unless the stores
 * run as {@code nobody} (we are root) and nobody cannot reach the project folder (e.g. a checkout under /root): then
 * it is {@code /var/tmp/kepu-media-stack/<hash of the project path>}, one per checkout.
 */
final class StackHome {

    static final String OVERRIDE_ENV = "KEPU_STACK_HOME";
    private static final Path FALLBACK_PARENT = Path.of("/var/tmp/kepu-media-stack");
    private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());

    private final Path dir;

    private StackHome(Path dir) {
        this.dir = dir;
    }

    /** The stack home of the project in {@code projectDir}, created if needed. */
    static StackHome of(Path projectDir) {
        try {
            Path dir = locate(projectDir);
            if (dir.startsWith(FALLBACK_PARENT)) {
                StackFiles.directory(FALLBACK_PARENT);
            }
            return new StackHome(StackFiles.directory(dir));
        } catch (IOException e) {
            throw new LocalStackException("Cannot create the local stack home", e);
        }
    }

    Path dir() {
        return dir;
    }

    Path resolve(String relative) {
        return dir.resolve(relative);
    }

    /**
     * Takes the lock that serialises starting and stopping across JVMs (a test run and a dev run started together must
     * not start two stacks). Closing the returned channel releases it.
     */
    FileChannel lock() {
        try {
            FileChannel channel = FileChannel.open(resolve("stack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                LOG.info(() -> "Waiting for another process that is starting or stopping the local stack in " + dir);
                channel.lock();
            }
            return channel;
        } catch (IOException e) {
            throw new LocalStackException("Cannot lock the local stack home " + dir, e);
        }
    }

    /** Records that this process started (part of) the stack, see {@link #startedByThisProcess()}. */
    void markStartedByThisProcess() throws IOException {
        StackFiles.writeAtomically(startedByFile(), thisProcess() + "\n");
    }

    void clearStartedBy() throws IOException {
        Files.deleteIfExists(startedByFile());
    }

    boolean startedByThisProcess() {
        try {
            return Files.readString(startedByFile(), StandardCharsets.UTF_8).strip().equals(thisProcess());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }

    private Path startedByFile() {
        return resolve("started-by");
    }

    /** This process, told apart from a later one that reuses its pid by its start time. */
    private static String thisProcess() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + "@" + self.info().startInstant().map(Instant::toString).orElse("unknown");
    }

    private static Path locate(Path projectDir) {
        Optional<Path> override = Optional.ofNullable(System.getenv(OVERRIDE_ENV)).filter(value -> !value.isBlank())
                .map(value -> Path.of(value).toAbsolutePath().normalize());
        if (override.isPresent()) {
            requireReachableByStoreUser(override.get());
            return override.get();
        }
        if (StoreUser.canReach(projectDir)) {
            return projectDir.resolve(".local-stack");
        }
        Path fallback = FALLBACK_PARENT.resolve(shortHash(projectDir.toString()));
        LOG.info(() -> projectDir + " is not reachable by nobody (who runs PostgreSQL and Elasticsearch under root): "
                + "local stack home is " + fallback);
        return fallback;
    }

    private static void requireReachableByStoreUser(Path home) {
        Path existing = home;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!StoreUser.canReach(existing)) {
            throw new LocalStackException(OVERRIDE_ENV + "=" + home + " is not reachable by user nobody, who runs PostgreSQL "
                    + "and Elasticsearch when you are root (they refuse root): choose a folder every user can traverse, e.g. "
                    + "under /var/tmp, or unset " + OVERRIDE_ENV + " to let the stack choose one");
        }
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
