package cn.kepu.media.notifications;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Drains the notification outbox: claims due rows with {@code FOR UPDATE SKIP LOCKED} and a lease (so several
 * instances share the work and never send one row twice while a claim holds), mails them outside any transaction,
 * then marks them SENT, or PENDING again with an exponential back-off, or FAILED after the last attempt.
 *
 * <p>Nothing lives in memory between polls: a row committed while no instance runs, or claimed by an instance that
 * died before marking it, is sent by the next poll after its lease ran out. The one window left is a crash between
 * the SMTP server accepting a mail and the row being marked: that row is sent again, with the same
 * {@code Message-ID}, so mail systems can recognise the duplicate.
 *
 * <p>Plain JDBC rather than Hibernate: the sender's polling must not show up in the Hibernate statistics that tests
 * use to count each request's statements, and it needs nothing of the ORM.
 */
@ApplicationScoped
public class NotificationSender {

    private static final Logger LOG = Logger.getLogger(NotificationSender.class);
    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };
    private static final int MAX_ERROR_LENGTH = 1000;

    private final DataSource dataSource;
    private final Mailer mailer;
    private final NotificationTemplates templates;
    private final NotificationConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public NotificationSender(DataSource dataSource, Mailer mailer, NotificationTemplates templates,
            NotificationConfig config, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.mailer = mailer;
        this.templates = templates;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** A claimed outbox row. */
    record Row(UUID id, String key, UUID recipientId, NotificationKind kind, Map<String, Object> params, int attempts,
            Instant createdAt) {
    }

    /** What one poll did, for tests and logs. */
    public record Outcome(int sent, int failed, int skipped) {
        Outcome plus(Outcome other) {
            return new Outcome(sent + other.sent, failed + other.failed, skipped + other.skipped);
        }
    }

    @Scheduled(every = "${kepu.notifications.sender.every}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!config.sender().enabled()) {
            return;
        }
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warn("Notification outbox poll failed; the next poll retries", e);
        }
    }

    /** Sends everything due now, batch after batch, and returns what it did. Safe to run on several instances at once. */
    public Outcome drain() {
        Outcome total = new Outcome(0, 0, 0);
        while (true) {
            UUID claim = UUID.randomUUID();
            List<Row> rows = claim(claim);
            if (rows.isEmpty()) {
                return total;
            }
            for (List<Row> mail : mails(rows)) {
                total = total.plus(deliver(claim, mail));
            }
            if (rows.size() < config.sender().batchSize()) {
                return total;
            }
        }
    }

    /** Digest kinds travel as one mail per recipient and kind; every other row is its own mail. */
    private static List<List<Row>> mails(List<Row> rows) {
        Map<String, List<Row>> grouped = new LinkedHashMap<>();
        for (Row row : rows) {
            String group = row.kind().digest() ? row.recipientId() + "/" + row.kind() : row.id().toString();
            grouped.computeIfAbsent(group, g -> new ArrayList<>()).add(row);
        }
        grouped.values().forEach(list -> list.sort(Comparator.comparing(Row::createdAt).thenComparing(Row::key)));
        return List.copyOf(grouped.values());
    }

    private Outcome deliver(UUID claim, List<Row> claimed) {
        List<Row> rows = claimed;
        Row first = rows.getFirst();
        Recipient recipient;
        try {
            recipient = recipient(first.recipientId(), first.kind());
        } catch (SQLException e) {
            fail(claim, rows, "cannot read the recipient: " + e.getMessage());
            return new Outcome(0, rows.size(), 0);
        }
        if (recipient == null || recipient.email() == null) {
            skip(claim, rows, "the recipient has no e-mail address");
            return new Outcome(0, 0, rows.size());
        }
        if (!recipient.wantsIt()) {
            skip(claim, rows, "the recipient switched " + first.kind() + " off");
            return new Outcome(0, 0, rows.size());
        }
        List<Map<String, Object>> params = rows.stream().map(Row::params).toList();
        if (first.kind() == NotificationKind.NEW_ASSIGNMENT) {
            Map<UUID, Map<String, Object>> details;
            try {
                details = assignmentDetails(rows);
            } catch (SQLException e) {
                fail(claim, rows, "cannot read the assignments: " + e.getMessage());
                return new Outcome(0, rows.size(), 0);
            }
            // An assignment removed before the mail went (recusal, a declared conflict) is not announced.
            List<Row> gone = rows.stream().filter(r -> !details.containsKey(r.id())).toList();
            if (!gone.isEmpty()) {
                skip(claim, gone, "the assignment no longer exists");
            }
            rows = rows.stream().filter(r -> details.containsKey(r.id())).toList();
            if (rows.isEmpty()) {
                return new Outcome(0, 0, gone.size());
            }
            params = rows.stream().map(r -> details.get(r.id())).toList();
            first = rows.getFirst();
        }
        String messageId = "<" + first.id() + "@kepu-media>";
        try {
            NotificationTemplates.Rendered mail = templates.render(first.kind(), recipient.language(),
                    recipient.displayName(), params);
            mailer.send(Mail.withText(recipient.email(), mail.subject(), mail.body())
                    .addHeader("Message-ID", messageId)
                    .addHeader("Content-Language", "en".equals(recipient.language()) ? "en" : "zh-CN")
                    .addHeader("X-Kepu-Notification", first.kind().name())
                    .addHeader("X-Kepu-Notification-Key", String.join(" ", rows.stream().map(Row::key).toList())));
        } catch (RuntimeException e) {
            LOG.warnf("Notification %s to %s failed (attempt %d): %s", first.kind(), first.recipientId(),
                    first.attempts(), e.toString());
            fail(claim, rows, e.toString());
            return new Outcome(0, rows.size(), 0);
        }
        markSent(claim, rows, messageId);
        return new Outcome(rows.size(), 0, 0);
    }

    private List<Row> claim(UUID claim) {
        Instant now = now();
        String sql = """
                update notification_outbox o
                   set state = 'SENDING', claim_id = ?, lease_until = ?, attempts = o.attempts + 1
                 where o.id in (select id from notification_outbox
                                 where next_attempt_at <= ?
                                   and (state = 'PENDING' or (state = 'SENDING' and lease_until < ?))
                                 order by next_attempt_at, id
                                 limit ?
                                 for update skip locked)
                returning o.id, o.idempotency_key, o.recipient_id, o.kind, o.params::text, o.attempts, o.created_at""";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, claim);
            statement.setTimestamp(2, Timestamp.from(now.plus(config.sender().lease())));
            statement.setTimestamp(3, Timestamp.from(now));
            statement.setTimestamp(4, Timestamp.from(now));
            statement.setInt(5, config.sender().batchSize());
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getObject(1, UUID.class), result.getString(2),
                            result.getObject(3, UUID.class), NotificationKind.valueOf(result.getString(4)),
                            json.readValue(result.getString(5), PARAMS), result.getInt(6),
                            result.getTimestamp(7).toInstant()));
                }
            }
            return rows;
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Cannot claim notifications", e);
        }
    }

    private record Recipient(String email, String language, String displayName, boolean wantsIt) {
    }

    private Recipient recipient(UUID accountId, NotificationKind kind) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select a.email, a.language, a.display_name, coalesce(p.enabled, true)
                          from account a
                          left join notification_preference p on p.account_id = a.id and p.kind = ?
                         where a.id = ?""")) {
            statement.setString(1, kind.name());
            statement.setObject(2, accountId);
            try (ResultSet result = statement.executeQuery()) {
                return result.next()
                        ? new Recipient(result.getString(1), result.getString(2), result.getString(3), result.getBoolean(4))
                        : null;
            }
        }
    }

    /** The details of the new assignments the rows announce, by row id; rows of removed assignments are absent. */
    private Map<UUID, Map<String, Object>> assignmentDetails(List<Row> rows) throws SQLException {
        Map<UUID, UUID> rowOfAssignment = new java.util.HashMap<>();
        rows.forEach(r -> rowOfAssignment.put(UUID.fromString((String) r.params().get("assignmentId")), r.id()));
        Map<UUID, Map<String, Object>> details = new java.util.HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select a.id, c.id, c.title, r.name, r.number, s.entry_code, c.judging_closes_at, c.time_zone
                          from assignment a
                          join contest_round r on r.id = a.round_id
                          join contest c on c.id = r.contest_id
                          join submission s on s.id = a.submission_id
                         where a.id = any(?)""")) {
            statement.setArray(1, connection.createArrayOf("uuid", rowOfAssignment.keySet().toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Map<String, Object> params = new java.util.HashMap<>();
                    params.put("assignmentId", result.getObject(1, UUID.class).toString());
                    params.put("contestId", result.getObject(2, UUID.class).toString());
                    params.put("contestTitle", result.getString(3));
                    params.put("roundName", result.getString(4));
                    params.put("roundNumber", result.getInt(5));
                    params.put("entryCode", result.getString(6));
                    Timestamp deadline = result.getTimestamp(7);
                    if (deadline != null) {
                        params.put("deadline", deadline.toInstant().toString());
                    }
                    params.put("zone", result.getString(8));
                    details.put(rowOfAssignment.get(result.getObject(1, UUID.class)), params);
                }
            }
        }
        return details;
    }

    private void markSent(UUID claim, List<Row> rows, String messageId) {
        update("""
                update notification_outbox set state = 'SENT', sent_at = ?, message_id = ?, lease_until = null,
                       last_error = null
                 where id = any(?) and claim_id = ? and state = 'SENDING'""", claim, rows, statement -> {
            statement.setTimestamp(1, Timestamp.from(now()));
            statement.setString(2, messageId);
        });
    }

    private void skip(UUID claim, List<Row> rows, String why) {
        update("""
                update notification_outbox set state = 'SKIPPED', last_error = ?, lease_until = null
                 where id = any(?) and claim_id = ? and state = 'SENDING'""", claim, rows,
                statement -> statement.setString(1, why));
    }

    private void fail(UUID claim, List<Row> rows, String error) {
        int attempts = rows.getFirst().attempts();
        Instant retryAt = now().plus(backoff(attempts));
        update("""
                update notification_outbox
                   set state = case when attempts >= ? then 'FAILED' else 'PENDING' end,
                       next_attempt_at = ?, last_error = ?, lease_until = null, claim_id = null
                 where id = any(?) and claim_id = ? and state = 'SENDING'""", claim, rows, statement -> {
            statement.setInt(1, config.sender().maxAttempts());
            statement.setTimestamp(2, Timestamp.from(retryAt));
            statement.setString(3, error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error);
        });
    }

    /** {@code initial × 2^(attempts-1)}, capped. */
    Duration backoff(int attempts) {
        Duration initial = config.sender().initialBackoff();
        Duration max = config.sender().maxBackoff();
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Runs an update whose last two parameters are the row ids and the claim; the binder sets the ones before. */
    private void update(String sql, UUID claim, List<Row> rows, Binder binder) {
        int idsIndex = (int) sql.chars().filter(c -> c == '?').count() - 1;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.setArray(idsIndex, connection.createArrayOf("uuid", rows.stream().map(Row::id).toArray()));
            statement.setObject(idsIndex + 1, claim);
            statement.executeUpdate();
        } catch (SQLException e) {
            // The lease runs out and another poll retries the rows; only a duplicate send is possible, never a loss.
            LOG.error("Cannot record the outcome of notifications " + rows.stream().map(Row::id).toList(), e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
