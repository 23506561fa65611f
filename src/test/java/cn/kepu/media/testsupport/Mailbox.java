package cn.kepu.media.testsupport;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A recipient's mailbox on the local stack's SMTP server (GreenMail), read over IMAP as any mail client would. Its
 * authentication is off: the login and password are the address. Tests give each recipient a fresh address
 * ({@link #freshAddress}) so mailboxes never mix across tests.
 */
public final class Mailbox {

    /** A received mail, decoded. */
    public record Mail(String subject, String body, String messageId, String kind, String language, String to) {
    }

    private final String address;

    private Mailbox(String address) {
        this.address = address;
    }

    public static Mailbox of(String address) {
        return new Mailbox(address);
    }

    /** A new address nobody has written to yet. */
    public static String freshAddress(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.kepu.test";
    }

    public String address() {
        return address;
    }

    /** Everything in the inbox now. */
    public List<Mail> messages() {
        int port = ConfigProvider.getConfig().getValue("kepu.local-stack.mail-imap-port", Integer.class);
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "5000");
        properties.put("mail.imap.timeout", "10000");
        try {
            Store store = Session.getInstance(properties).getStore("imap");
            store.connect("127.0.0.1", port, address, address);
            try {
                Folder inbox = store.getFolder("INBOX");
                if (!inbox.exists()) {
                    return List.of();
                }
                inbox.open(Folder.READ_ONLY);
                try {
                    List<Mail> mails = new ArrayList<>();
                    for (Message message : inbox.getMessages()) {
                        mails.add(new Mail(message.getSubject(), text(message), header(message, "Message-ID"),
                                header(message, "X-Kepu-Notification"), header(message, "Content-Language"),
                                message.getAllRecipients()[0].toString()));
                    }
                    return mails;
                } finally {
                    inbox.close(false);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            // No mailbox yet (GreenMail creates it with the first mail) reads as empty.
            if (e.getMessage() != null && e.getMessage().contains("AUTHENTICATE")) {
                return List.of();
            }
            throw new IllegalStateException("Cannot read the mailbox of " + address, e);
        }
    }

    /** Waits up to {@code timeout} until the inbox holds a mail matching {@code wanted}; returns the inbox then. */
    public List<Mail> await(Predicate<List<Mail>> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Mail> mails = messages();
        while (!wanted.test(mails) && System.nanoTime() < deadline) {
            sleep(200);
            mails = messages();
        }
        return mails;
    }

    /**
     * How long a test waits for a mail at most. Delivery is a scheduled job with retries (first back-off 1 s in
     * tests, doubling), so on a loaded machine a mail whose first try timed out can take well over 20 s; waiting
     * longer costs nothing when the mail comes early.
     */
    public static final Duration DELIVERY = Duration.ofSeconds(60);

    /** Waits until a mail of the given kind arrived; returns the inbox's mails of that kind. */
    public List<Mail> awaitKind(String kind) {
        return await(mails -> mails.stream().anyMatch(m -> kind.equals(m.kind())), DELIVERY).stream()
                .filter(m -> kind.equals(m.kind())).toList();
    }

    /** The inbox's mails of a kind after waiting {@code settle}: for asserting that no (second) mail came. */
    public List<Mail> kindAfter(String kind, Duration settle) {
        sleep(settle.toMillis());
        return messages().stream().filter(m -> kind.equals(m.kind())).toList();
    }

    private static String header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i)));
            }
            return text.toString();
        }
        return "";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
