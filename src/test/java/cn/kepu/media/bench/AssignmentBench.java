package cn.kepu.media.bench;

import cn.kepu.media.judging.AssignmentPlanner;
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

/**
 * Benchmark of the automatic assignment: {@code entries} entries, {@code judges} judges, N judges per entry, with
 * conflicts of interest from shared organizations (the way the service detects them) plus declared ones. Prints the
 * planning time and checks the outcome: every entry fully staffed, no conflict assigned, loads within one.
 * Run by {@code deploy/bench/assignment.sh [entries] [judges] [judgesPerEntry]}; exit status 1 when a check fails.
 */
public final class AssignmentBench {

    public static void main(String[] args) {
        int entryCount = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int judgeCount = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int perEntry = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Random random = new Random(20250517);

        // 300 organizations; judges come from the first 60, so many entrants share a judge's organization.
        List<Entry> entries = new ArrayList<>();
        Map<UUID, Integer> entryOrg = new HashMap<>();
        List<UUID> categories = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (int i = 0; i < entryCount; i++) {
            Entry entry = new Entry(new UUID(1, i), categories.get(i % categories.size()));
            entries.add(entry);
            entryOrg.put(entry.id(), random.nextInt(300));
        }
        List<Judge> judges = new ArrayList<>();
        Map<UUID, Integer> judgeOrg = new HashMap<>();
        for (int j = 0; j < judgeCount; j++) {
            Judge judge = new Judge(new UUID(2, j), Set.of(), null);
            judges.add(judge);
            judgeOrg.put(judge.id(), random.nextInt(60));
        }
        Set<Pair> conflicts = new HashSet<>();
        for (Entry e : entries) {
            for (Judge j : judges) {
                if (entryOrg.get(e.id()).equals(judgeOrg.get(j.id())) || random.nextInt(100) == 0) {
                    conflicts.add(new Pair(e.id(), j.id()));
                }
            }
        }

        AssignmentPlanner.Plan plan = null;
        long[] millis = new long[5];
        for (int run = 0; run < millis.length; run++) {
            long start = System.nanoTime();
            plan = AssignmentPlanner.plan(entries, judges, conflicts, Set.of(), perEntry);
            millis[run] = (System.nanoTime() - start) / 1_000_000;
        }

        Map<UUID, Integer> load = new HashMap<>();
        judges.forEach(j -> load.put(j.id(), 0));
        Map<UUID, Integer> staffed = new HashMap<>();
        Set<Pair> distinct = new HashSet<>(plan.added());
        for (Pair p : plan.added()) {
            load.merge(p.judgeId(), 1, Integer::sum);
            staffed.merge(p.entryId(), 1, Integer::sum);
        }
        long conflicted = plan.added().stream().filter(conflicts::contains).count();
        long understaffed = entries.stream().filter(e -> staffed.getOrDefault(e.id(), 0) != perEntry).count();
        int min = load.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        int max = load.values().stream().mapToInt(Integer::intValue).max().orElse(0);

        System.out.printf("entries=%d judges=%d judgesPerEntry=%d conflictPairs=%d%n", entryCount, judgeCount, perEntry,
                conflicts.size());
        System.out.printf("plan time: first run %d ms, runs %s ms%n", millis[0], java.util.Arrays.toString(millis));
        System.out.printf("assignments=%d duplicates=%d conflictsAssigned=%d understaffedEntries=%d%n",
                plan.added().size(), plan.added().size() - distinct.size(), conflicted, understaffed);
        System.out.printf("judge load min=%d max=%d spread=%d%n", min, max, max - min);
        boolean ok = conflicted == 0 && understaffed == 0 && max - min <= 1 && distinct.size() == plan.added().size();
        System.out.println(ok ? "OK" : "FAILED");
        System.exit(ok ? 0 : 1);
    }
}
