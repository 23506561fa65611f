package cn.kepu.media.media;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Temporary files for media work, under {@code kepu.media.processing.temp-directory}: a file's bytes go from the
 * store to a file, through a tool, to another file and back to the store, so their size never decides the heap.
 * A {@link Scratch} deletes its files when closed, whatever happened in between.
 */
@ApplicationScoped
public class MediaScratch {

    private final Path directory;

    public MediaScratch(MediaConfig config) {
        this.directory = config.processing().tempDirectory().filter(d -> !d.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A set of temporary files deleted together on {@link Scratch#close()}. */
    public Scratch open() {
        return new Scratch(directory);
    }

    /** The hex SHA-256 of a file, read in a stream. */
    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Temporary files of one step. */
    public static final class Scratch implements AutoCloseable {
        private final Path directory;
        private final List<Path> files = new ArrayList<>();

        Scratch(Path directory) {
            this.directory = directory;
        }

        /** A new empty file (name {@code kepu-<random><suffix>}), deleted with the others on close. */
        public Path file(String suffix) throws IOException {
            Files.createDirectories(directory);
            Path file = Files.createTempFile(directory, "kepu-", suffix);
            files.add(file);
            return file;
        }

        @Override
        public void close() {
            UncheckedIOException failure = null;
            for (Path file : files) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    failure = new UncheckedIOException("deleting " + file, e);
                }
            }
            files.clear();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
