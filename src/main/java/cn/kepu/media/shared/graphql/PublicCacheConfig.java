package cn.kepu.media.shared.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The public answer cache of anonymous GraphQL queries ({@link PublicAnswerCache}). */
@ConfigMapping(prefix = "kepu.graphql.public-cache")
public interface PublicCacheConfig {

    /**
     * The longest an answer is reused. Changes announced by PostgreSQL drop every answer at once, on every instance;
     * this bounds what is not announced: time passing (a release time, a contest window) and signals missed while an
     * instance's listening connection was lost. {@code 0} turns the cache off.
     */
    @WithDefault("1s")
    Duration ttl();

    /** Answers kept at most (each counts at least {@link #maxBytes()} / this towards the byte bound). */
    @WithDefault("10000")
    int maxEntries();

    /** Bytes of answers kept at most, in all. */
    @WithDefault("33554432")
    long maxBytes();

    /** Answers larger than this are served but not kept. */
    @WithDefault("1048576")
    int maxEntryBytes();

    /** Requests with a larger body are not looked up (an anonymous page is a few hundred bytes of document). */
    @WithDefault("16384")
    int maxRequestBytes();

    /**
     * How long identical requests wait for the one that is computing their answer; after that each computes its own
     * (a slow store then costs what it costs without the cache, never more).
     */
    @WithDefault("2s")
    Duration singleFlightWait();

    /** Whether answers carry {@code X-Kepu-Cache: hit|miss|bypass}. */
    @WithDefault("true")
    boolean header();
}
