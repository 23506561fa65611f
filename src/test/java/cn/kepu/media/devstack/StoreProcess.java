package cn.kepu.media.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A store's server process, as recorded in its pidfile, possibly started by another JVM long gone.
 *
 * <p>A pid alone proves nothing: after a reboot or a crash it may belong to an unrelated process. So a process counts as
 * the store's only while its command line contains {@code marker}, a piece unique to this store in this stack home.
 * That also treats a zombie (empty command line) as gone, which matters where PID 1 does not reap orphans.
 */
record StoreProcess(Path pidfile, String marker) {

    private static final Path PROC = Path.of("/proc");
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /**
     * The pid of the running store process: the one the pidfile names, else the one found by its command line. A
     * server can run without a valid pidfile: Elasticsearch writes its own only once it has started, and the JVM that
     * spawned a server may have died before writing one. Starting a second server on the same data would fail.
     */
    OptionalLong pid() {
        OptionalLong recorded = readPidfile();
        if (recorded.isPresent() && isStoreProcess(recorded.getAsLong())) {
            return recorded;
        }
        return findByCommandLine();
    }

    void writePidfile(long pid) throws IOException {
        StackFiles.writeAtomically(pidfile, pid + "\n");
    }

    /**
     * Stops the process: SIGTERM, then SIGKILL if it is still there after {@code grace}. Removes the pidfile, also one
     * left behind by a process that is long gone.
     */
    void terminate(Duration grace) throws IOException {
        OptionalLong pid = pid();
        if (pid.isPresent()) {
            signal(pid.getAsLong(), false);
            if (!awaitExit(grace)) {
                signal(pid.getAsLong(), true);
                if (!awaitExit(KILL_WAIT)) {
                    throw new LocalStackException("Process " + pid.getAsLong() + " (" + marker + ") survived SIGKILL");
                }
            }
        }
        Files.deleteIfExists(pidfile);
    }

    private boolean awaitExit(Duration timeout) {
        return Poll.until(() -> pid().isEmpty(), timeout);
    }

    private OptionalLong readPidfile() {
        try {
            // PostgreSQL's postmaster.pid has more lines; the pid is always the first.
            String first = Files.readAllLines(pidfile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            return first.matches("\\d+") ? OptionalLong.of(Long.parseLong(first)) : OptionalLong.empty();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new LocalStackException("Cannot read pidfile " + pidfile, e);
        }
    }

    private OptionalLong findByCommandLine() {
        try (Stream<Path> processes = Files.list(PROC)) {
            return processes.map(process -> process.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong)
                    .filter(this::isStoreProcess)
                    .findFirst();
        } catch (IOException e) {
            throw new LocalStackException("Cannot list the processes in " + PROC, e);
        }
    }

    private boolean isStoreProcess(long pid) {
        try {
            byte[] cmdline = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').contains(marker);
        } catch (IOException e) {
            return false;
        }
    }

    private static void signal(long pid, boolean kill) {
        ProcessHandle.of(pid).ifPresent(process -> {
            if (kill) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
        });
    }
}
