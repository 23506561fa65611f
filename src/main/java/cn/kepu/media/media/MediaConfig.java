package cn.kepu.media.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and timings of the media feature; contests may tighten the limits for their entries later. */
@ConfigMapping(prefix = "kepu.media")
public interface MediaConfig {

    Images images();

    Videos videos();

    Uploads uploads();

    Renditions renditions();

    Cleanup cleanup();

    /**
     * Empties {@code originals/} and {@code renditions/} at start. Only for the test profile, whose database is
     * cleaned at start too: the consistency check then means the same in every run.
     */
    @WithDefault("false")
    boolean purgeBucketAtStart();

    /** How long a presigned download URL stays valid. */
    @WithDefault("5M")
    Duration downloadUrlTtl();

    interface Images {
        /** Largest accepted image file. */
        @WithDefault("52428800")
        long maxBytes();

        /** Smallest accepted short side, in pixels. */
        @WithDefault("1000")
        int minShortSide();

        /** Largest accepted width × height: refuses decompression bombs from their header, before decoding. */
        @WithDefault("100000000")
        long maxPixels();
    }

    interface Videos {
        /** Largest accepted video file. */
        @WithDefault("2147483648")
        long maxBytes();

        /** Largest {@code moov} box read for probing; real ones are kilobytes to a few megabytes. */
        @WithDefault("67108864")
        long maxMetadataBytes();
    }

    interface Uploads {
        /** Files larger than this go multipart; also the part size (S3 needs at least 5 MiB for all but the last). */
        @WithDefault("16777216")
        long partSize();

        /** How long presigned upload URLs are valid; a resuming client asks for fresh ones. */
        @WithDefault("1H")
        Duration urlTtl();

        /** After this an unfinished upload is abandoned: the cleanup job aborts it and deletes what was stored. */
        @WithDefault("24H")
        Duration expireAfter();
    }

    interface Cleanup {
        /** How often abandoned uploads are expired and untracked multipart uploads aborted. */
        @WithDefault("15m")
        String every();
    }

    interface Renditions {
        /** How often the worker looks for due renditions, when this instance has queued or retried some. */
        @WithDefault("5s")
        String every();

        /** How often the worker looks regardless, for renditions left by other instances (expired leases). */
        @WithDefault("1m")
        String rescan();

        @WithDefault("320")
        int thumbnailSize();

        @WithDefault("1280")
        int previewSize();

        /** Attempts before a rendition is marked FAILED. */
        @WithDefault("3")
        int maxAttempts();

        /** How long one attempt may hold a rendition before another worker may retry it. */
        @WithDefault("2M")
        Duration lease();
    }
}
