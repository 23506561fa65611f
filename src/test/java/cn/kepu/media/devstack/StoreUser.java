package cn.kepu.media.devstack;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The OS user PostgreSQL and Elasticsearch run as. Both refuse root, so under root they run as {@code nobody:nogroup}
 * through {@code setpriv} ({@code unshare -U} does not work for Elasticsearch 9) and their folders belong to that user.
 * Otherwise they run as the current user and nothing changes hands. s3proxy has no such rule: it runs as the caller.
 */
final class StoreUser {

    private static final String USER = "nobody";
    private static final String GROUP = "nogroup";
    private static final boolean ROOT = new UnixSystem().getUid() == 0;

    private StoreUser() {
    }

    /** {@code command}, prefixed so that it runs as the store user. */
    static List<String> command(List<String> command) {
        if (!ROOT) {
            return command;
        }
        List<String> prefixed = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + GROUP, "--clear-groups"));
        prefixed.addAll(command);
        return prefixed;
    }

    /**
     * Whether the store user can reach {@code dir}, i.e. search every folder on its path. Asked of the OS as that user,
     * because owner, group, other bits and ACLs along the path all play a part.
     */
    static boolean canReach(Path dir) {
        try {
            Process test = new ProcessBuilder(command(List.of("test", "-x", dir.toString())))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return test.waitFor() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run setpriv (util-linux) to check access as " + USER, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while checking access to " + dir, e);
        }
    }

    /** Creates {@code dir} (see {@link StackFiles#directory}) for the store user, who must write to it. */
    static Path directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            own(StackFiles.directory(dir));
        }
        return dir;
    }

    /** Hands {@code path}, and everything below it if it is a folder, to the store user. */
    static void own(Path path) throws IOException {
        if (!ROOT) {
            return;
        }
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(USER);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(GROUP);
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : (Iterable<Path>) tree::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(each, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                view.setOwner(user);
                view.setGroup(group);
            }
        }
    }
}
