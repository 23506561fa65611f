package cn.kepu.media.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.testsupport.Contests;
import cn.kepu.media.testsupport.GraphQL;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code autoAssign} mutation at the scale, through GraphQL against the real database: 2000 accepted
 * entries from 300 organizations, 40 judges from 60 of them, 3 judges per entry. Prints the wall time of the
 * mutation (planning, 6000 assignment inserts, 6000 audit rows) and checks no conflict was assigned and loads are
 * within one. Runs only with {@code -Dkepu.bench=true}: {@code deploy/bench/assignment.sh --db}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "kepu.bench", matches = "true")
class AutoAssignAtScaleBench {

    @Inject
    EntityManager em;

    @Test
    void autoAssignTwoThousandEntriesToFortyJudges() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var created = GraphQL.as("organizer1").run(Contests.CREATE, Map.of("input",
                Contests.input("分配基准 " + run, Duration.ofHours(1), 10))).ok();
        UUID contest = UUID.fromString(created.string("createContest.id"));
        String round = created.string("createContest.rounds[0].id");
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    insert into account (id, subject, display_name, organization, organization_type, region, roles)
                    select gen_random_uuid(), 'bench-entrant-' || ?1 || '-' || g, 'E' || g, 'Org ' || g, 'UNIVERSITY',
                           'BEIJING', '{ENTRANT}' from generate_series(0, 299) g""").setParameter(1, run).executeUpdate();
            em.createNativeQuery("""
                    insert into account (id, subject, display_name, organization, organization_type, region, roles)
                    select gen_random_uuid(), 'bench-judge-' || ?1 || '-' || g, 'J' || g, 'Org ' || (g * 7 % 60),
                           'RESEARCH_INSTITUTE', 'BEIJING', '{JUDGE}' from generate_series(0, 39) g""")
                    .setParameter(1, run).executeUpdate();
            em.createNativeQuery("""
                    insert into work (id, kind, title, description, region, credit_line, licence, owner_id, status)
                    select gen_random_uuid(), 'POSTER', 'Bench ' || ?1 || ' ' || g, '', 'BEIJING', 'bench', 'CC_BY_4_0',
                           a.id, 'IN_MODERATION'
                    from generate_series(0, 1999) g join account a on a.subject = 'bench-entrant-' || ?1 || '-' || (g % 300)""")
                    .setParameter(1, run).executeUpdate();
            em.createNativeQuery("""
                    insert into submission (id, contest_id, category_id, work_id, entrant_id, entry_code, status,
                                            declarations, submitted_at, updated_at)
                    select gen_random_uuid(), ?2, c.id, w.id, w.owner_id, 'B-' || ?1 || '-' || row_number() over (),
                           'ACCEPTED', '{ORIGINALITY,CONSENT_OF_PEOPLE_SHOWN,MEDIA_LICENCE_GRANT}', now(), now()
                    from work w join contest_category c on c.contest_id = ?2 and c.code = 'POSTER'
                    where w.title like 'Bench ' || ?1 || ' %'""").setParameter(1, run).setParameter(2, contest)
                    .executeUpdate();
        });
        @SuppressWarnings("unchecked")
        List<String> judges = QuarkusTransaction.requiringNew().call(() -> (List<String>) em.createNativeQuery(
                "select cast(id as text) from account where subject like 'bench-judge-' || ?1 || '-%'")
                .setParameter(1, run).getResultList());
        GraphQL.as("organizer1").run("mutation($c: ID!, $j: [PanelJudgeInput!]!) { setJudgePanel(contestId: $c, judges: $j) }",
                Map.of("c", contest.toString(), "j", judges.stream().map(id -> Map.of("judgeId", id)).toList())).ok();

        long start = System.nanoTime();
        var result = GraphQL.as("organizer1").run("mutation($r: ID!) { autoAssign(roundId: $r) { added"
                + " understaffedSubmissionIds minLoad maxLoad } }", Map.of("r", round)).ok();
        long millis = (System.nanoTime() - start) / 1_000_000;

        long conflicts = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                select count(*) from assignment x join submission s on s.id = x.submission_id
                join account e on e.id = s.entrant_id join account j on j.id = x.judge_id
                where x.round_id = cast(?1 as uuid) and e.organization = j.organization""")
                .setParameter(1, round).getSingleResult()).longValue());
        int min = result.data("autoAssign.minLoad");
        int max = result.data("autoAssign.maxLoad");
        System.out.printf("%nautoAssign over GraphQL+PostgreSQL: entries=2000 judges=40 judgesPerEntry=3 -> added=%d"
                + " in %d ms; conflictsAssigned=%d; understaffed=%d; judge load min=%d max=%d%n%n",
                result.<Integer>data("autoAssign.added"), millis, conflicts,
                result.<List<?>>data("autoAssign.understaffedSubmissionIds").size(), min, max);
        assertThat(result.<Integer>data("autoAssign.added")).isEqualTo(6000);
        assertThat(conflicts).isZero();
        assertThat(max - min).isLessThanOrEqualTo(1);
    }
}
