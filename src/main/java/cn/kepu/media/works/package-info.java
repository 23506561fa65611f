/**
 * Works: the posters, photos, short videos and articles people create for the Science Week. Owns the work
 * entity, its creators and topics, the licence catalogue, the visibility rules (who may see which status) and
 * the works GraphQL API.
 */
package cn.kepu.media.works;
