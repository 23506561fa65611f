/**
 * Publishing: works going public outside contests. Owns publication requests (reviewed by moderators at the
 * PUBLICATION stage through {@code moderation.ModerationService}), release times (embargo) and the job that releases
 * works when the clock passes them, and takedowns by organizers. Announces every work that becomes public as
 * {@code works.WorkBecamePublic}; notifies owners through {@code notifications.NotificationOutbox}.
 */
package cn.kepu.media.publishing;
