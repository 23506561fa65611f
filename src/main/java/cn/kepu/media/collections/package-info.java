/**
 * Collections (专题): titled, ordered lists of published works that organizers curate for media outlets, e.g. a
 * themed column on scientists' spirit. Membership feeds search documents (filter by collection) through the
 * collection_work trigger.
 */
package cn.kepu.media.collections;
