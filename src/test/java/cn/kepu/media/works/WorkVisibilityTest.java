package cn.kepu.media.works;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.identity.Region;
import cn.kepu.media.identity.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The works' visibility rule is one decision ({@link WorkVisibility}) rendered three ways: in Java
 * ({@link WorkService#get}), in HQL ({@link WorkService#visibleByIds}, listings) and in SQL
 * ({@link WorkService#visibleWithParts}, the search page's one-statement read). For every kind of caller and every
 * state a work can be in, all three agree with the rule, against the real database.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkVisibilityTest {

    /** A demo account (seeded for the test stack) that owns every work made here. */
    private static final UUID OWNER = UUID.nameUUIDFromBytes("demo-account:entrant1".getBytes());
    private static final UUID OTHER = UUID.randomUUID();

    /** Each state a work can be in, by name: the statuses, PUBLISHED once released and once still embargoed. */
    private final Map<String, UUID> works = new LinkedHashMap<>();

    @Inject
    WorkService service;

    @BeforeAll
    void makeOneWorkPerState() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> {
            works.put("DRAFT", persist(WorkStatus.DRAFT, null, now));
            works.put("IN_MODERATION", persist(WorkStatus.IN_MODERATION, null, now));
            works.put("REJECTED", persist(WorkStatus.REJECTED, null, now));
            works.put("WITHDRAWN", persist(WorkStatus.WITHDRAWN, now.minus(1, ChronoUnit.DAYS), now));
            works.put("PUBLISHED_RELEASED", persist(WorkStatus.PUBLISHED, now.minusSeconds(60), now));
            works.put("PUBLISHED_EMBARGOED", persist(WorkStatus.PUBLISHED, now.plus(1, ChronoUnit.DAYS), now));
        });
    }

    @AfterAll
    void deleteTheWorks() {
        QuarkusTransaction.requiringNew().run(() -> Work.delete("id in ?1", List.copyOf(works.values())));
    }

    private static UUID persist(WorkStatus status, Instant publishedAt, Instant now) {
        Work work = new Work();
        work.id = UUID.randomUUID();
        work.ownerId = OWNER;
        work.kind = WorkKind.POSTER;
        work.title = "可见性 " + status;
        work.description = "";
        work.topicCodes.add("GENERAL_SCIENCE");
        work.creators.add(new Creator("测试作者", null, "测试单位", null));
        work.region = Region.BEIJING;
        work.creditLine = "测试作者";
        work.licence = Licence.CC_BY_4_0;
        work.status = status;
        work.publishedAt = publishedAt;
        work.createdAt = now;
        work.updatedAt = now;
        work.persist();
        return work.id;
    }

    @Test
    void everyKindOfCallerSeesTheSameWorksThroughJavaHqlAndSql() {
        Set<String> released = Set.of("PUBLISHED_RELEASED");
        Set<String> everything = works.keySet();
        // Judges and outlets are given the owner's account too: only an entrant's own works widen what one sees.
        Map<String, Expectation> callers = new LinkedHashMap<>();
        callers.put("anonymous", new Expectation(Set.of(), null, released));
        callers.put("entrant who owns them", new Expectation(Set.of(Role.ENTRANT), OWNER, everything));
        callers.put("another entrant", new Expectation(Set.of(Role.ENTRANT), OTHER, released));
        callers.put("judge", new Expectation(Set.of(Role.JUDGE), OWNER, released));
        callers.put("media outlet", new Expectation(Set.of(Role.MEDIA), OWNER, released));
        callers.put("moderator", new Expectation(Set.of(Role.MODERATOR), OTHER, everything));
        callers.put("organizer", new Expectation(Set.of(Role.ORGANIZER), null, everything));
        callers.put("entrant and judge who owns them", new Expectation(Set.of(Role.ENTRANT, Role.JUDGE), OWNER,
                everything));

        Instant now = Instant.now();
        callers.forEach((who, expected) -> {
            WorkVisibility visibility = WorkVisibility.of(
                    expected.roles().isEmpty() ? Set.of() : EnumSet.copyOf(expected.roles()),
                    () -> Optional.ofNullable(expected.account()), now);
            Set<String> byHql = names(QuarkusTransaction.requiringNew()
                    .call(() -> service.visibleByIds(works.values(), visibility).keySet()));
            Set<String> bySql = names(QuarkusTransaction.requiringNew()
                    .call(() -> service.visibleWithParts(works.values(), true, true, visibility).keySet()));
            Set<String> byJava = names(QuarkusTransaction.requiringNew().call(() -> works.values().stream()
                    .filter(id -> visibility.allows(Work.<Work>findById(id))).collect(Collectors.toSet())));
            assertThat(byHql).as("HQL, %s", who).isEqualTo(expected.visible());
            assertThat(bySql).as("SQL, %s", who).isEqualTo(expected.visible());
            assertThat(byJava).as("Java, %s", who).isEqualTo(expected.visible());
        });
    }

    @Test
    void thePublicDecisionIsTheAnonymousCallers() {
        Instant now = Instant.now();
        assertThat(WorkVisibility.publicAt(now)).isEqualTo(WorkVisibility.of(Set.of(), Optional::empty, now));
        // An account is looked up only when it can matter: for an entrant who is not staff.
        assertThat(WorkVisibility.of(Set.of(Role.ORGANIZER, Role.ENTRANT), () -> {
            throw new AssertionError("account read for staff");
        }, now).unrestricted()).isTrue();
    }

    private Set<String> names(Set<UUID> ids) {
        return works.entrySet().stream().filter(e -> ids.contains(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private record Expectation(Set<Role> roles, UUID account, Set<String> visible) {
    }
}
