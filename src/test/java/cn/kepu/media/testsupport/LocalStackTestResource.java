package cn.kepu.media.testsupport;

import cn.kepu.media.devstack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts (or reuses) the local stack for the tests and points the app at it: database {@code kepu_test}, bucket
 * {@code kepu-media-test}, index prefix {@code test-}. Applied to every {@code @QuarkusTest} by {@link StackForAllTests}.
 *
 * <p>A stack this JVM started is stopped when the JVM exits, so CI leaves no processes behind; a stack that was already
 * running (a dev run, an earlier test run) is left alone. {@code KEPU_STACK_KEEP=true} keeps a started stack running
 * for the next run, which then starts in seconds.
 */
public final class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String KEEP_ENV = "KEPU_STACK_KEEP";
    /** A system property, because it must be seen from every class loader Quarkus loads this class with. */
    private static final String STOP_HOOK_PROPERTY = "kepu.local-stack.stop-hook";

    /** Set by surefire to the run's {@code -Dtest} selection (pom.xml); unset or unresolved for the whole suite. */
    private static final String SELECTION_PROPERTY = "kepu.test.selection";

    @Override
    public Map<String, String> start() {
        LocalStack stack = LocalStack.ensureRunning(runIncludesKeycloakTests());
        if (stack.startedByThisProcess() && !"true".equalsIgnoreCase(System.getenv(KEEP_ENV))) {
            stopWhenThisJvmExits(stack);
        }
        return stack.quarkusConfig("test");
    }

    /**
     * Whether Keycloak is started with the other stores, in parallel: for the whole suite and for selections naming a
     * Keycloak test. Other targeted runs skip it (it is the slowest store); a Keycloak test starts it anyway.
     */
    static boolean runIncludesKeycloakTests() {
        String selection = System.getProperty(SELECTION_PROPERTY, "");
        return selection.isBlank() || selection.startsWith("${") || selection.toLowerCase().contains("keycloak");
    }

    /**
     * Leaves the stack running. Quarkus calls this at every restart of the app (each {@code @TestProfile} restarts it),
     * not only at the end; stopping here would cost a cold Elasticsearch start per profile.
     */
    @Override
    public void stop() {
    }

    /**
     * Registers, once per JVM, a shutdown hook that runs {@code LocalStack stop} as a separate process. Separate
     * because by the time hooks run Quarkus has closed the class loader this class came from: the hook must only use
     * classes that are loaded already (the JDK's process API).
     */
    private static void stopWhenThisJvmExits(LocalStack stack) {
        if (System.getProperties().putIfAbsent(STOP_HOOK_PROPERTY, "registered") != null) {
            return;
        }
        ProcessBuilder stopper = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPathOf(LocalStack.class), LocalStack.class.getName(), "stop")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stack.home().resolve("stop.log").toFile()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> runToEnd(stopper), "local-stack-stop"));
    }

    private static void runToEnd(ProcessBuilder command) {
        try {
            command.start().waitFor();
        } catch (IOException e) {
            System.err.println("Could not stop the local stack: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The folder (or jar) the class was loaded from: {@code LocalStack stop} needs nothing but the JDK and that. */
    private static String classPathOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the classes of " + type, e);
        }
    }
}
