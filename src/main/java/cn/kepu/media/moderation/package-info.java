/**
 * Moderation: content-safety review by moderators, of every submission before judging (stage ENTRY) and of every
 * work before publication (stage PUBLICATION). A work ever rejected can never be published (database trigger).
 */
package cn.kepu.media.moderation;
