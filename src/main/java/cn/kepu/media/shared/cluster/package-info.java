/**
 * What several instances of the service share without a broker: PostgreSQL {@code LISTEN/NOTIFY} signals, delivered
 * after commit to every instance (live updates fan out; the search indexer wakes on commit instead of polling).
 */
package cn.kepu.media.shared.cluster;
