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

    Tools ffmpeg();

    Duplicates duplicates();

    interface Duplicates {
        /**
         * Largest perceptual-hash distance (differing bits of 64) at which two files count as near-duplicates.
         * Re-encoded, resized and slightly cropped copies measure 0–10; unrelated pictures 20–40.
         */
        @WithDefault("12")
        int maxDistance();

        /**
         * Most matches recorded for one new file, the closest and then the earliest first. A file copied many times
         * (a poster every school re-submits) would otherwise record a row for every earlier copy: quadratic growth,
         * found by the soak. Moderators need the original and a few copies, not all of them.
         */
        @WithDefault("20")
        int maxMatches();
    }

    Urls urls();

    Bulk bulk();

    Processing processing();

    /**
     * What media work may take from this instance, whatever the size of the file: files go through temporary files
     * and out-of-process tools (ffmpeg), never whole into the heap; only subsampled pictures are decoded in the heap,
     * within a budget shared by the instance.
     */
    interface Processing {
        /**
         * Directory of the temporary files media work streams through (an original on its way to a tool, the tool's
         * output on its way to the store); each is deleted when its step ends. Needs room for the largest original
         * plus its copy for every step running at once. Default: the JVM's {@code java.io.tmpdir}.
         */
        java.util.Optional<String> tempDirectory();

        /**
         * Heap bytes that pictures decoded in the JVM (renditions, fingerprints) may hold at once on this instance.
         * A picture is decoded subsampled so that it fits; a step that cannot get its share within
         * {@code raster-wait} fails (renditions are retried). Sized for a 128 MiB heap: a 2560-pixel LARGE
         * rendition of a 6000 × 4000 photo needs about 34 MiB.
         */
        @WithDefault("50331648")
        long rasterBudget();

        /** How long a step waits for its share of {@code raster-budget} before giving up. */
        @WithDefault("2M")
        Duration rasterWait();
    }

    /** Bulk (ZIP) downloads of media outlets. */
    interface Bulk {
        /** Largest total of the files' sizes in one bulk download; more is refused with DOWNLOAD_TOO_LARGE. */
        @WithDefault("2147483648")
        long maxBytes();

        /** Most works in one bulk download; more is refused with DOWNLOAD_TOO_LARGE. */
        @WithDefault("200")
        int maxWorks();

        /** How long a bulk download's URL can be fetched (a download that started finishes whatever it takes). */
        @WithDefault("15M")
        Duration urlTtl();

        /**
         * Most bulk downloads this instance streams at once (each holds a worker thread and an object-storage
         * connection while the client reads); more are refused with RATE_LIMITED and Retry-After.
         */
        @WithDefault("8")
        int maxStreams();

        /** Most bulk downloads one outlet account streams at once on this instance. */
        @WithDefault("2")
        int maxStreamsPerAccount();

        /** The Retry-After of a refused stream, in seconds. */
        @WithDefault("30")
        int busyRetryAfterSeconds();
    }

    /**
     * Empties {@code originals/} and {@code renditions/} at start. Only for the test profile, whose database is
     * cleaned at start too: the consistency check then means the same in every run.
     */
    @WithDefault("false")
    boolean purgeBucketAtStart();

    /**
     * Most uploads this instance verifies at once ({@link UploadVerifier}); each reads its whole file back from the
     * object store and hashes it (about a core while it runs), so the default leaves room for requests on two cores.
     */
    @WithDefault("2")
    int verifyConcurrency();

    /**
     * How long a verification attempt holds its session before another instance may take it over. The worker pushes
     * the lease forward every {@link #verifyEvery()} while it runs, so this bounds how long a session whose instance
     * died waits, not how long a verification may take.
     */
    @WithDefault("1M")
    Duration verifyLease();

    /**
     * How often the verifier renews the leases it holds and, when this instance has reason to (a retry due, a wake
     * that found no free slot), claims due sessions.
     */
    @WithDefault("5s")
    String verifyEvery();

    /** How often the verifier looks for due sessions regardless: those whose instance died mid-verification. */
    @WithDefault("1m")
    String verifyRescan();

    /**
     * Attempts at verifying one upload while the object store is unavailable (back-off 5 s, 10 s, 20 s… at most 5 min
     * apart) before the session ends FAILED with the reason; the file's own faults end it REJECTED at once.
     */
    @WithDefault("6")
    int verifyMaxAttempts();

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

        /** Largest {@code moov} box accepted; real ones are kilobytes to a few megabytes. */
        @WithDefault("67108864")
        long maxMetadataBytes();

        /** Largest width × height of a frame (8K is 33 megapixels): refused from the stream header, before decoding. */
        @WithDefault("35389440")
        long maxPixels();

        /** How long ffprobe may take to read a video's headers during verification. */
        @WithDefault("30S")
        Duration probeTimeLimit();
    }

    interface Tools {
        /**
         * A directory holding {@code ffmpeg} and {@code ffprobe} to use instead of the build shipped in the
         * {@code org.bytedeco:ffmpeg} jar (which is extracted on first use).
         */
        java.util.Optional<String> directory();

        /** Threads one ffmpeg run may use; renditions are background work and should leave cores to requests. */
        @WithDefault("2")
        int threads();
    }

    interface Urls {
        /**
         * Key of the HMAC that signs rendition URLs; all instances behind one load balancer need the same one
         * (environment {@code KEPU_MEDIA_URLS_SECRET}), at least 32 characters. Without one, each instance draws a
         * random key at start: fine for one instance, but URLs then fail on the others.
         */
        java.util.Optional<String> secret();

        /**
         * URLs are re-issued once per bucket of this length and stay valid for one more, so a browser sees the same
         * URL (and uses its cache) for the whole bucket, and a URL lives between one and two buckets.
         */
        @WithDefault("5M")
        Duration bucket();

        /**
         * Scheme, host and path prefix put before {@code /media/r/…} (e.g. {@code https://api.kepu.example}) for
         * clients on another origin; without it URLs are relative to the service.
         */
        java.util.Optional<String> base();
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

        /** Long side of the zoomable LARGE image rendition. */
        @WithDefault("2560")
        int largeSize();

        /** Longest time one video transcode may run; the process is killed then and the rendition FAILED. */
        @WithDefault("10M")
        Duration videoTimeLimit();

        /** Longest time extracting one frame (poster, thumbnail, fingerprint) may take. */
        @WithDefault("60S")
        Duration frameTimeLimit();

        /** Attempts before a rendition is marked FAILED. */
        @WithDefault("3")
        int maxAttempts();

        /** How long one attempt may hold a rendition before another worker may retry it. */
        @WithDefault("2M")
        Duration lease();
    }
}
