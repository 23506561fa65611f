package cn.kepu.media.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command the stack runs: its arguments, environment and working folder.
 *
 * <p>Every command starts in a session of its own ({@code setsid}): the servers it launches must not receive the
 * Ctrl-C meant for Maven or for dev mode, or the stack would not outlive the run that started it. {@code setsid} execs
 * in place (a child of the JVM never leads a process group), so a spawned command keeps its pid.
 */
record OsCommand(List<String> args, Map<String, String> env, Path workDir) {

    /** A small fixed environment: the stores neither depend on nor see the caller's. */
    private static final Map<String, String> BASE_ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8");
    private static final File NO_INPUT = new File("/dev/null");

    OsCommand {
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    static OsCommand of(Path workDir, String... args) {
        return of(workDir, List.of(args));
    }

    static OsCommand of(Path workDir, List<String> args) {
        return new OsCommand(args, BASE_ENV, workDir);
    }

    OsCommand withEnv(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(more);
        return new OsCommand(args, merged, workDir);
    }

    /** The same command, run as the user the stores run as (see {@link StoreUser}). */
    OsCommand asStoreUser() {
        return new OsCommand(StoreUser.command(args), env, workDir);
    }

    /**
     * Runs the command to its end, its output appended to {@code log}; fails, showing the end of that log, unless it
     * exits with 0 within {@code timeout}.
     */
    void run(Path log, Duration timeout) {
        Process process = start(log);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new LocalStackException(this + " did not finish within " + timeout + "\n" + StackFiles.tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while running " + this, e);
        }
        if (process.exitValue() != 0) {
            throw new LocalStackException(this + " failed with exit code " + process.exitValue() + "\n" + StackFiles.tail(log));
        }
    }

    /** Starts the command without waiting for it, its output appended to {@code log}; returns its pid. */
    long spawn(Path log) {
        return start(log).pid();
    }

    private Process start(Path log) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add("setsid");
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(workDir.toFile())
                .redirectInput(NO_INPUT)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + this, e);
        }
    }

    @Override
    public String toString() {
        return String.join(" ", args);
    }
}
