package cn.kepu.media.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** File operations of the stack home that the JDK has no one-liner for. */
final class StackFiles {

    private static final Set<PosixFilePermission> WORLD_READABLE_DIR = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final int TAIL_LINES = 25;

    private StackFiles() {
    }

    /**
     * Creates {@code dir} if needed, readable and searchable by everyone whatever the umask: the store user must be
     * able to reach the stack home and the distributions below it.
     */
    static Path directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, WORLD_READABLE_DIR);
        }
        return dir;
    }

    /** Writes {@code content} so that readers never see a half-written file. */
    static void writeAtomically(Path file, String content, Set<PosixFilePermission> permissions) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(temporary, permissions);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void writeAtomically(Path file, String content) throws IOException {
        writeAtomically(file, content, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Deletes {@code path} and everything below it; nothing to do if it does not exist. */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    /** Copies the folder {@code source} to {@code target}, which must not exist yet. */
    static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> tree = Files.walk(source)) {
            for (Path each : (Iterable<Path>) tree::iterator) {
                Files.copy(each, target.resolve(source.relativize(each).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** The last lines of {@code log}, for error messages; says so if there is no such log (yet). */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return "--- last lines of " + log + " ---\n" + String.join("\n", last);
        } catch (NoSuchFileException e) {
            return "--- no " + log + " ---";
        } catch (IOException e) {
            return "--- cannot read " + log + ": " + e + " ---";
        }
    }
}
