package cn.kepu.media.shared.cluster;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Signals between the instances of the service through PostgreSQL {@code LISTEN/NOTIFY}: a notification sent inside a
 * transaction reaches every listening instance (this one included) after the commit, and never if it rolls back.
 * PostgreSQL is already the one store every instance shares, so no broker is needed for the few signals the service
 * has (live updates, "the outbox has rows").
 *
 * <p>One connection per instance listens, on its own thread; handlers run on that thread and must be quick (hand long
 * work to an executor). Delivery is at most once: while the listening connection is lost (PostgreSQL restarts),
 * signals are missed; after reconnecting, every handler is called with {@link #RECONNECTED} so that it can catch up
 * (the indexer drains the outbox, which is durable).
 */
@ApplicationScoped
public class PostgresNotifications {

    /** Sent by the outbox trigger (V110) after each commit that changed what search, and the public, see of a work. */
    public static final String SEARCH_OUTBOX_CHANNEL = "kepu_search_outbox";
    /**
     * Sent when other public data changed (V165's triggers on the tables anonymous queries read that do not feed the
     * outbox) and by the search indexer after a pass reached Elasticsearch: the public answer cache listens.
     */
    public static final String PUBLIC_CHANGED_CHANNEL = "kepu_public_changed";

    /** Payload handed to every handler after the listening connection was re-established. */
    public static final String RECONNECTED = "\u0000reconnected";

    private static final Logger LOG = Logger.getLogger(PostgresNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int POLL_MILLIS = 250;
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    /** Key of a transaction's signals not yet sent, in the transaction's resources. */
    private static final Object PENDING = new Object();

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final Set<String> listening = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile Thread thread;

    public PostgresNotifications(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    /** Calls {@code handler} with the payload of every notification on {@code channel}, from any instance. */
    public void subscribe(String channel, Consumer<String> handler) {
        handlers.computeIfAbsent(checked(channel), c -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /**
     * Sends {@code payload} (at most 7 900 bytes) on {@code channel} as part of the current transaction, or at once
     * without one. The signals of one transaction go out together in one statement just before it commits, on the
     * transaction's own connection, so they commit or roll back with the change they announce, and a transaction that
     * sends thousands (an automatic assignment) costs one round trip.
     */
    public void send(String channel, String payload) {
        checked(channel);
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            sendNow(List.of(new Signal(channel, payload)));
            return;
        }
        @SuppressWarnings("unchecked")
        List<Signal> pending = (List<Signal>) transactions.getResource(PENDING);
        if (pending == null) {
            List<Signal> batch = new ArrayList<>();
            transactions.putResource(PENDING, batch);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    sendNow(batch);
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            pending = batch;
        }
        pending.add(new Signal(channel, payload));
    }

    private record Signal(String channel, String payload) {
    }

    private void sendNow(List<Signal> signals) {
        if (signals.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement notify = connection.prepareStatement(
                        "select count(pg_notify(c, p)) from unnest(?::text[], ?::text[]) as s(c, p)")) {
            notify.setArray(1, connection.createArrayOf("text", signals.stream().map(Signal::channel).toArray()));
            notify.setArray(2, connection.createArrayOf("text", signals.stream().map(Signal::payload).toArray()));
            notify.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot send " + signals.size() + " notifications: " + e.getMessage(), e);
        }
    }

    /**
     * The two ids of an {@code "<uuid>,<uuid>"} payload, the shape live-update events use; empty for anything else
     * ({@link #RECONNECTED}: live updates missed while disconnected are not replayed).
     */
    public static Optional<UUID[]> idPair(String payload) {
        int comma = payload.indexOf(',');
        if (comma < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UUID[] {UUID.fromString(payload.substring(0, comma)),
                    UUID.fromString(payload.substring(comma + 1))});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = Thread.ofPlatform().daemon().name("pg-notifications").start(this::listenLoop);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listenLoop() {
        long retryMillis = 100;
        boolean reconnect = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                listening.clear();
                PGConnection pg = connection.unwrap(PGConnection.class);
                listenToNew(connection);
                if (reconnect) {
                    handlers.keySet().forEach(channel -> dispatch(channel, RECONNECTED));
                }
                retryMillis = 100;
                while (running) {
                    listenToNew(connection);
                    PGNotification[] received = pg.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            dispatch(notification.getName(), notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Listening for PostgreSQL notifications failed, retrying in %d ms: %s", retryMillis,
                        e.getMessage());
                reconnect = true;
                try {
                    Thread.sleep(retryMillis);
                } catch (InterruptedException interrupted) {
                    return;
                }
                retryMillis = Math.min(MAX_RETRY.toMillis(), retryMillis * 2);
            }
        }
    }

    /** Channels subscribed since the last look get their LISTEN on the listening connection. */
    private void listenToNew(Connection connection) throws SQLException {
        for (String channel : handlers.keySet()) {
            if (!listening.contains(channel)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                listening.add(channel);
            }
        }
    }

    private void dispatch(String channel, String payload) {
        for (Consumer<String> handler : handlers.getOrDefault(channel, List.of())) {
            try {
                handler.accept(payload);
            } catch (RuntimeException e) {
                LOG.warnf(e, "A handler of channel %s failed", channel);
            }
        }
    }

    private static String checked(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("Not a plain channel name: " + channel);
        }
        return channel;
    }
}
