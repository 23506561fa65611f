package cn.kepu.media.judging;

import static org.assertj.core.api.Assertions.assertThat;

import cn.kepu.media.judging.AssignmentPlanner.Entry;
import cn.kepu.media.judging.AssignmentPlanner.Judge;
import cn.kepu.media.judging.AssignmentPlanner.Pair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AssignmentPlannerTest {

    static final UUID CATEGORY_A = UUID.randomUUID();
    static final UUID CATEGORY_B = UUID.randomUUID();

    static List<Entry> entries(int n, UUID category) {
        return IntStream.range(0, n).mapToObj(i -> new Entry(UUID.randomUUID(), category)).toList();
    }

    static List<Judge> judges(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Judge(UUID.randomUUID(), Set.of(), null)).toList();
    }

    static Map<UUID, Integer> loads(List<Judge> judges, List<Pair> pairs) {
        Map<UUID, Integer> load = new HashMap<>();
        judges.forEach(j -> load.put(j.id(), 0));
        pairs.forEach(p -> load.merge(p.judgeId(), 1, Integer::sum));
        return load;
    }

    @Test
    void everyEntryGetsNDistinctJudgesAndLoadsAreWithinOne() {
        List<Entry> entries = entries(101, CATEGORY_A);
        List<Judge> judges = judges(7);
        var plan = AssignmentPlanner.plan(entries, judges, Set.of(), Set.of(), 3);

        assertThat(plan.understaffed()).isEmpty();
        assertThat(plan.added()).hasSize(303).doesNotHaveDuplicates();
        Map<UUID, Long> perEntry = new HashMap<>();
        plan.added().forEach(p -> perEntry.merge(p.entryId(), 1L, Long::sum));
        assertThat(perEntry.values()).allMatch(c -> c == 3);
        var load = loads(judges, plan.added()).values();
        assertThat(load.stream().mapToInt(i -> i).max().getAsInt() - load.stream().mapToInt(i -> i).min().getAsInt())
                .isLessThanOrEqualTo(1);
    }

    @Test
    void conflictsAreNeverAssignedEvenWhenManyAndBalanceHolds() {
        List<Entry> entries = entries(500, CATEGORY_A);
        List<Judge> judges = judges(20);
        Random random = new Random(7);
        Set<Pair> conflicts = new HashSet<>();
        entries.forEach(e -> {
            for (int i = 0; i < 4; i++) {
                conflicts.add(new Pair(e.id(), judges.get(random.nextInt(judges.size())).id()));
            }
        });
        var plan = AssignmentPlanner.plan(entries, judges, conflicts, Set.of(), 3);

        assertThat(plan.added()).noneMatch(conflicts::contains);
        assertThat(plan.understaffed()).isEmpty();
        var load = loads(judges, plan.added()).values();
        assertThat(load.stream().mapToInt(i -> i).max().getAsInt() - load.stream().mapToInt(i -> i).min().getAsInt())
                .isLessThanOrEqualTo(1);
    }

    @Test
    void categoriesAndCapsAreRespected() {
        List<Entry> a = entries(10, CATEGORY_A);
        List<Entry> b = entries(10, CATEGORY_B);
        Judge onlyA = new Judge(UUID.randomUUID(), Set.of(CATEGORY_A), null);
        Judge onlyB = new Judge(UUID.randomUUID(), Set.of(CATEGORY_B), null);
        Judge capped = new Judge(UUID.randomUUID(), Set.of(), 2);
        List<Entry> all = new ArrayList<>(a);
        all.addAll(b);
        var plan = AssignmentPlanner.plan(all, List.of(onlyA, onlyB, capped), Set.of(), Set.of(), 2);

        Set<UUID> aIds = new HashSet<>(a.stream().map(Entry::id).toList());
        assertThat(plan.added()).filteredOn(p -> p.judgeId().equals(onlyA.id())).allMatch(p -> aIds.contains(p.entryId()));
        assertThat(plan.added()).filteredOn(p -> p.judgeId().equals(onlyB.id())).noneMatch(p -> aIds.contains(p.entryId()));
        assertThat(plan.added()).filteredOn(p -> p.judgeId().equals(capped.id())).hasSize(2);
        assertThat(plan.understaffed()).hasSize(18);
    }

    @Test
    void existingAssignmentsAreKeptAndASecondRunAddsNothing() {
        List<Entry> entries = entries(30, CATEGORY_A);
        List<Judge> judges = judges(5);
        var first = AssignmentPlanner.plan(entries, judges, Set.of(), Set.of(), 2);
        var second = AssignmentPlanner.plan(entries, judges, Set.of(), new HashSet<>(first.added()), 2);

        assertThat(second.added()).isEmpty();
        assertThat(second.understaffed()).isEmpty();
    }

    @Test
    void anEntryEveryJudgeConflictsWithIsReportedUnderstaffed() {
        List<Entry> entries = entries(3, CATEGORY_A);
        List<Judge> judges = judges(3);
        Set<Pair> conflicts = new HashSet<>();
        judges.forEach(j -> conflicts.add(new Pair(entries.get(0).id(), j.id())));
        var plan = AssignmentPlanner.plan(entries, judges, conflicts, Set.of(), 1);

        assertThat(plan.understaffed()).containsExactly(entries.get(0).id());
        assertThat(plan.added()).hasSize(2).noneMatch(conflicts::contains);
    }
}
