/**
 * Audit: the append-only log of every state change, assignment and score event in contests, moderation and judging.
 * Written in the same transaction as the change it records; a database trigger refuses updates and deletes.
 */
package cn.kepu.media.audit;
