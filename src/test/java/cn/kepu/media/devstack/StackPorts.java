package cn.kepu.media.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The ports of the stores, kept in {@code <stack home>/stack.properties}: chosen free on first start and kept while
 * still free, so a developer's connection settings (IDE database tool, curl) stay the same from run to run.
 */
final class StackPorts {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Path file;
    private final Properties ports = new Properties();

    StackPorts(Path file) {
        this.file = file;
        try (Reader reader = Files.newBufferedReader(file)) {
            ports.load(reader);
        } catch (NoSuchFileException e) {
            // First start: no ports chosen yet.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The port recorded for {@code name}, which a running store listens on. */
    synchronized int recorded(String name) {
        String port = ports.getProperty(name);
        if (port == null) {
            throw new LocalStackException("No " + name + " in " + file + ": start the local stack first");
        }
        return Integer.parseInt(port);
    }

    /**
     * A port for a store about to start: the recorded one if it is still free, else a new free one, distinct from the
     * other stores' ports (a port just closed may come back from the OS at once), and recorded.
     */
    synchronized int claim(String name) {
        String recorded = ports.getProperty(name);
        if (recorded != null && isFree(Integer.parseInt(recorded))) {
            return Integer.parseInt(recorded);
        }
        int port = freePort();
        while (ports.containsValue(Integer.toString(port))) {
            port = freePort();
        }
        ports.setProperty(name, Integer.toString(port));
        save();
        return port;
    }

    private void save() {
        try {
            StringWriter text = new StringWriter();
            ports.store(text, "Ports of the local stack's stores (chosen on first start, kept while free)");
            StackFiles.writeAtomically(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, LOOPBACK)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + LOOPBACK, e);
        }
    }
}
