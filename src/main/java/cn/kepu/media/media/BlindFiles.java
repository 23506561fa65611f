package cn.kepu.media.media;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The blind renditions of works as files, for packages that carry them offline (the jury ZIP): generic names, no
 * metadata, nothing that leads back to the work or its entrant.
 */
public interface BlindFiles {

    /**
     * @param name generic, e.g. {@code 1-preview.jpg}: the file's position in the work and the rendition's role
     */
    record File(String name, String contentType, long sizeBytes, String objectKey) {
    }

    /** Ready renditions worth judging from (image PREVIEW and LARGE, video POSTER and PREVIEW), in one query. */
    Map<UUID, List<File>> filesOf(Collection<UUID> workIds);

    InputStream open(File file);
}
