/**
 * Search for media outlets over Elasticsearch. Owns the index definitions (schema/elasticsearch), the outbox that
 * keeps the index equal to PostgreSQL (V20 triggers, {@link cn.kepu.media.search.SearchIndexer}), full rebuilds with
 * an alias swap ({@link cn.kepu.media.search.Reindexer}) that send each work's stored document (search_document, V166)
 * when it is exact, the drift check, and the searchWorks, suggest and
 * relatedWorks queries ({@link cn.kepu.media.search.SearchService}). {@link cn.kepu.media.search.SearchDocuments} owns
 * the document field names. For media outlets' library also: download counts brought into the index in batches
 * ({@link cn.kepu.media.search.DownloadCountFlush}) and saved searches whose new matches are announced as
 * {@link cn.kepu.media.search.SavedSearchEvents} ({@link cn.kepu.media.search.SavedSearchAlerts}).
 */
package cn.kepu.media.search;
