package cn.kepu.media.works;

import cn.kepu.media.identity.Caller;
import cn.kepu.media.identity.Role;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Which works a caller may see: the one decision behind every read of works, made once per read from the caller and
 * rendered here into each language that applies it (Java, HQL, SQL; search renders the same decision into its index
 * filter), so that a change to the rule reaches every path at once.
 *
 * <p>The rule: moderators and organizers see every work ({@code unrestricted}); everyone else sees the works that are
 * public at {@code now} (PUBLISHED, publication time passed: an approval with a later release time keeps the work
 * out until then), and an entrant also their own works ({@code me}) in any state. Anonymous callers, media outlets
 * and judges have no {@code me}.
 *
 * @param unrestricted the caller sees every work
 * @param now          the instant against which publication times are compared
 * @param me           the entrant's account whose own works are visible too; null for everyone else
 */
public record WorkVisibility(boolean unrestricted, Instant now, UUID me) {

    /** What the public (anonymous callers, media outlets, judges) may see at {@code now}. */
    public static WorkVisibility publicAt(Instant now) {
        return new WorkVisibility(false, now, null);
    }

    /** The decision for the current caller; reads the caller's account only when it matters (an entrant). */
    public static WorkVisibility of(Caller caller, Instant now) {
        return of(caller.roles(), caller::accountId, now);
    }

    /** The decision for a caller with these roles and (asked only for entrants) this account. */
    public static WorkVisibility of(Set<Role> roles, Supplier<Optional<UUID>> account, Instant now) {
        if (roles.contains(Role.MODERATOR) || roles.contains(Role.ORGANIZER)) {
            return new WorkVisibility(true, now, null);
        }
        UUID me = roles.contains(Role.ENTRANT) ? account.get().orElse(null) : null;
        return new WorkVisibility(false, now, me);
    }

    /** Whether a work in this state is public at {@code now}: PUBLISHED and its publication time passed. */
    public static boolean isPublic(WorkStatus status, Instant publishedAt, Instant now) {
        return status == WorkStatus.PUBLISHED && publishedAt != null && !publishedAt.isAfter(now);
    }

    public Optional<UUID> owner() {
        return Optional.ofNullable(me);
    }

    public boolean allows(Work work) {
        return allows(work.status, work.publishedAt, work.ownerId);
    }

    public boolean allows(WorkStatus status, Instant publishedAt, UUID ownerId) {
        return unrestricted || isPublic(status, publishedAt, now) || (me != null && me.equals(ownerId));
    }

    /**
     * The rule as an HQL condition over the {@code Work} alias, its parameters ({@code published}, {@code now},
     * {@code me}) given to {@code bind}; empty when unrestricted.
     */
    public Optional<String> hql(String alias, BiConsumer<String, Object> bind) {
        if (unrestricted) {
            return Optional.empty();
        }
        bind.accept("published", WorkStatus.PUBLISHED);
        bind.accept("now", now);
        String released = "(" + alias + ".status = :published and " + alias + ".publishedAt <= :now)";
        if (me == null) {
            return Optional.of(released);
        }
        bind.accept("me", me);
        return Optional.of("(" + released + " or " + alias + ".ownerId = :me)");
    }

    /**
     * The rule as a SQL condition over the {@code work} table's alias, with JDBC {@code ?} placeholders whose values
     * are appended to {@code params} in order; empty when unrestricted.
     */
    public Optional<String> sql(String alias, List<Object> params) {
        if (unrestricted) {
            return Optional.empty();
        }
        params.add(WorkStatus.PUBLISHED.name());
        params.add(OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        String released = "(" + alias + ".status = ? and " + alias + ".published_at <= ?)";
        if (me == null) {
            return Optional.of(released);
        }
        params.add(me);
        return Optional.of("(" + released + " or " + alias + ".owner_id = ?)");
    }
}
