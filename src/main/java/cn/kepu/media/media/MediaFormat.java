package cn.kepu.media.media;

import cn.kepu.media.works.WorkKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The file formats kepu-media accepts, as sniffed from the bytes; anything else is refused. */
public enum MediaFormat {
    JPEG("image/jpeg", "jpg", Set.of("jpg", "jpeg", "jpe")),
    PNG("image/png", "png", Set.of("png")),
    WEBP("image/webp", "webp", Set.of("webp")),
    TIFF("image/tiff", "tif", Set.of("tif", "tiff")),
    MP4("video/mp4", "mp4", Set.of("mp4", "m4v")),
    MOV("video/quicktime", "mov", Set.of("mov", "qt")),
    WEBM("video/webm", "webm", Set.of("webm"));

    private final String mimeType;
    private final String extension;
    private final Set<String> extensions;

    MediaFormat(String mimeType, String extension, Set<String> extensions) {
        this.mimeType = mimeType;
        this.extension = extension;
        this.extensions = extensions;
    }

    public String mimeType() {
        return mimeType;
    }

    /** The extension used in download file names. */
    public String extension() {
        return extension;
    }

    public boolean isVideo() {
        return mimeType.startsWith("video/");
    }

    public static Optional<MediaFormat> ofMimeType(String mimeType) {
        if (mimeType == null) {
            return Optional.empty();
        }
        String normalized = mimeType.strip().toLowerCase(Locale.ROOT);
        // Aliases clients commonly declare.
        normalized = switch (normalized) {
            case "image/jpg", "image/pjpeg" -> "image/jpeg";
            case "image/x-png" -> "image/png";
            case "video/x-m4v" -> "video/mp4";
            default -> normalized;
        };
        String wanted = normalized;
        return Arrays.stream(values()).filter(f -> f.mimeType.equals(wanted)).findFirst();
    }

    /** The format a file name's extension claims, if it is one we know. */
    public static Optional<MediaFormat> ofFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extensions.contains(ext)).findFirst();
    }

    /** Posters, photos and article illustrations are images; short videos are videos; OTHER may be either. */
    public boolean allowedFor(WorkKind kind) {
        return switch (kind) {
            case POSTER, PHOTO, ARTICLE -> !isVideo();
            case SHORT_VIDEO -> isVideo();
            case OTHER -> true;
        };
    }
}
