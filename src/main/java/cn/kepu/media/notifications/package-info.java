/**
 * Notifications by e-mail: what happened that concerns a person (an entry received, a moderation decision, results,
 * a judging panel, new assignments, a judging deadline, a saved search's new matches) is written to the
 * {@code notification_outbox} in the transaction of the event itself ({@link cn.kepu.media.notifications.NotificationOutbox}),
 * and {@link cn.kepu.media.notifications.NotificationSender} mails it, in the recipient's language, from Qute templates
 * under {@code templates/notifications/}. People choose which kinds they get
 * ({@link cn.kepu.media.notifications.NotificationPreferences}).
 *
 * <p>This feature sits at the top: it observes the CDI events of contests, moderation and judging
 * ({@link cn.kepu.media.notifications.NotificationTriggers}); features at its level (publishing) call
 * {@code NotificationOutbox} directly. Nothing below imports it.
 */
package cn.kepu.media.notifications;
