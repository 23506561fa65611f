package cn.kepu.media.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of e-mail notifications ({@code kepu.notifications.*}); the SMTP relay itself is {@code quarkus.mailer.*}. */
@ConfigMapping(prefix = "kepu.notifications")
public interface NotificationConfig {

    /** Base URL of the web application, for the links in the mails. */
    @WithDefault("http://localhost:8080")
    String appUrl();

    Sender sender();

    Reminder reminder();

    interface Sender {
        /** Whether this instance drains the outbox; off on instances that must not send (the rows wait for others). */
        @WithDefault("true")
        boolean enabled();

        /** How often the outbox is polled (a Quarkus scheduler interval such as {@code 5s}). */
        @WithDefault("5s")
        String every();

        /** Rows claimed per poll. */
        @WithDefault("50")
        int batchSize();

        /** How long a claim holds a row; a row whose sender died is sent by another instance after this. */
        @WithDefault("PT2M")
        Duration lease();

        /** Attempts before a row is given up as FAILED. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait after the first failure; doubled after each further one, up to {@link #maxBackoff()}. */
        @WithDefault("PT30S")
        Duration initialBackoff();

        @WithDefault("PT1H")
        Duration maxBackoff();

        /**
         * How long rows of digest kinds (new assignments, saved-search matches) wait, so that several arriving close
         * together travel in one mail.
         */
        @WithDefault("PT2M")
        Duration digestDelay();
    }

    interface Reminder {
        /** How long before a contest's judging deadline judges with unscored entries are reminded (once per round). */
        @WithDefault("PT48H")
        Duration before();

        /** How often the deadlines are checked (a Quarkus scheduler interval; {@code off} disables the check). */
        @WithDefault("15m")
        String every();
    }
}
