/**
 * Search for media outlets over Elasticsearch. Owns the index definitions (schema/elasticsearch), the
 * Elasticsearch readiness check and, from the search issue on, indexing and querying.
 */
package cn.kepu.media.search;
