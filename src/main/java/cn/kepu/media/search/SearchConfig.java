package cn.kepu.media.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "kepu.search")
public interface SearchConfig {

    /** Prepended to every index and alias name, so dev, test and several deployments can share a cluster. */
    @WithDefault("")
    String indexPrefix();

    /** The index definition in schema/elasticsearch (classpath elasticsearch/) new indices are created from. */
    @WithDefault("works-v4")
    String definition();

    /** How often the indexer looks at the outbox (read by its {@code @Scheduled} expression). */
    @WithDefault("1s")
    String indexerInterval();

    /** Outbox rows one indexer pass claims and writes in one bulk request. */
    @WithDefault("500")
    int batchSize();

    /** Works read from PostgreSQL and written per bulk request during a reindex. */
    @WithDefault("1000")
    int reindexBatchSize();

    /**
     * Pages a reindex builds (text analysis, JSON) and sends as bulk requests at once, one thread each, while the
     * readers read the next ones from PostgreSQL (at least 1; one page per reader is read ahead at most).
     */
    @WithDefault("3")
    int reindexBulksInFlight();

    /**
     * Threads (each with its own connection) that read a reindex's pages from PostgreSQL, each a range of the id
     * space: one reading thread waited on PostgreSQL for most of a build while the bulks waited for its pages.
     */
    @WithDefault("2")
    int reindexReaders();

    /**
     * The step the public visibility filter's "now" is rounded down to: searches within one step send the same filter
     * (cacheable by Elasticsearch), and a work published at T becomes visible at the next step after T, never
     * earlier. One second made publish-to-searchable up to a second longer (issue 13 item 4).
     */
    @WithDefault("PT0.1S")
    java.time.Duration visibilityStep();

    /**
     * How often the drift report (PostgreSQL vs the index) is computed, by one instance at a time; readiness probes
     * read the stored one (DriftReports, also read by its {@code @Scheduled} expression).
     */
    @WithDefault("5m")
    java.time.Duration driftEvery();

    /** Longest pause between indexer attempts while Elasticsearch keeps failing (exponential back-off cap). */
    @WithDefault("PT30S")
    java.time.Duration maxBackoff();

    /**
     * Delete this prefix's indices at start and rebuild from PostgreSQL. For tests, whose database is cleaned at
     * start: documents of an earlier run would otherwise be drift.
     */
    @WithDefault("false")
    boolean resetAtStart();

    /**
     * How often works whose download count moved are marked for re-indexing ({@link DownloadCountFlush}): downloads
     * in between reach the index as one write per work (a Quarkus scheduler interval, {@code off} disables it).
     */
    @WithDefault("30s")
    String downloadsFlushEvery();

    /**
     * How often newly public works are matched against the saved searches ({@link SavedSearchAlerts}; a Quarkus
     * scheduler interval, {@code off} disables it).
     */
    @WithDefault("1m")
    String savedSearchAlertsEvery();

    /** A synonym file to use instead of the built-in set (schema/elasticsearch/synonyms.txt); read at start. */
    java.util.Optional<String> synonymsFile();

    default String alias() {
        return indexPrefix() + "works";
    }

    /** Indices being built by a reindex: the indexer writes to them too, so they miss no change. */
    default String pendingAlias() {
        return indexPrefix() + "works-pending";
    }
}
