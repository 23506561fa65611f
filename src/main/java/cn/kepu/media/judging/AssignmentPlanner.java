package cn.kepu.media.judging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Balanced automatic assignment of judges to entries. Pure and deterministic, so it is unit-tested and benchmarked
 * without a database.
 *
 * <p>Greedy, most-constrained entry first: each entry takes the eligible judges with the lowest current load (ties by
 * judge id), never a conflicted judge, never one outside the entry's category, never above a judge's cap. A repair
 * pass then moves assignments from the most to the least loaded judges while the spread exceeds one and a legal
 * move exists. Existing assignments count towards loads and are never removed, which makes a second run a no-op.
 */
public final class AssignmentPlanner {

    /** An entry to judge, in a category. */
    public record Entry(UUID id, UUID categoryId) {
    }

    /**
     * A judge on the panel.
     *
     * @param categories categories the judge covers; empty means all
     * @param maxLoad cap on assignments in this round; null means no cap
     */
    public record Judge(UUID id, Set<UUID> categories, Integer maxLoad) {
        boolean covers(UUID category) {
            return categories.isEmpty() || categories.contains(category);
        }
    }

    public record Pair(UUID entryId, UUID judgeId) {
    }

    /**
     * @param added assignments to create
     * @param understaffed entries that could not get {@code judgesPerEntry} judges (too many conflicts or caps)
     */
    public record Plan(List<Pair> added, List<UUID> understaffed) {
    }

    private AssignmentPlanner() {
    }

    public static Plan plan(List<Entry> entries, List<Judge> judges, Set<Pair> conflicts, Set<Pair> existing,
            int judgesPerEntry) {
        Map<UUID, Integer> load = new HashMap<>();
        Map<UUID, Judge> byId = new HashMap<>();
        judges.forEach(j -> {
            load.put(j.id(), 0);
            byId.put(j.id(), j);
        });
        Map<UUID, Set<UUID>> judgesOf = new HashMap<>();
        for (Pair pair : existing) {
            judgesOf.computeIfAbsent(pair.entryId(), k -> new HashSet<>()).add(pair.judgeId());
            load.computeIfPresent(pair.judgeId(), (k, v) -> v + 1);
        }
        // Most constrained first: entries with the fewest eligible judges pick before the easy ones.
        Map<UUID, Integer> eligibleCount = new HashMap<>();
        for (Entry entry : entries) {
            eligibleCount.put(entry.id(), (int) judges.stream()
                    .filter(j -> eligible(j, entry, conflicts)).count());
        }
        List<Entry> order = new ArrayList<>(entries);
        order.sort(Comparator.comparingInt((Entry e) -> eligibleCount.get(e.id())).thenComparing(Entry::id));

        List<Pair> added = new ArrayList<>();
        List<UUID> understaffed = new ArrayList<>();
        Judge[] sorted = judges.toArray(Judge[]::new);
        for (Entry entry : order) {
            Set<UUID> assigned = judgesOf.computeIfAbsent(entry.id(), k -> new HashSet<>());
            int missing = judgesPerEntry - assigned.size();
            if (missing <= 0) {
                continue;
            }
            Arrays.sort(sorted, Comparator.comparingInt((Judge j) -> load.get(j.id())).thenComparing(Judge::id));
            for (Judge judge : sorted) {
                if (missing == 0) {
                    break;
                }
                if (!assigned.contains(judge.id()) && eligible(judge, entry, conflicts)
                        && underCap(judge, load.get(judge.id()))) {
                    assigned.add(judge.id());
                    load.merge(judge.id(), 1, Integer::sum);
                    added.add(new Pair(entry.id(), judge.id()));
                    missing--;
                }
            }
            if (missing > 0) {
                understaffed.add(entry.id());
            }
        }
        rebalance(entries, added, judgesOf, load, byId, conflicts);
        return new Plan(added, understaffed);
    }

    /**
     * Moves newly added assignments from busier judges to idler ones until loads are within one. Each step tries every
     * pair of judges whose loads differ by two or more, the widest gap first: a move from the busiest to the idlest
     * alone is often impossible (every entry of the busiest already has the idlest, or a conflict), while another
     * judge at the same low load can take one.
     */
    private static void rebalance(List<Entry> entries, List<Pair> added, Map<UUID, Set<UUID>> judgesOf,
            Map<UUID, Integer> load, Map<UUID, Judge> judges, Set<Pair> conflicts) {
        if (judges.size() < 2) {
            return;
        }
        Map<UUID, Entry> entryById = new HashMap<>();
        entries.forEach(e -> entryById.put(e.id(), e));
        Comparator<UUID> byLoad = Comparator.<UUID>comparingInt(load::get).thenComparing(Comparator.naturalOrder());
        for (int guard = 0; guard < added.size() * 2; guard++) {
            List<UUID> idlestFirst = load.keySet().stream().sorted(byLoad).toList();
            List<UUID> busiestFirst = idlestFirst.reversed();
            if (load.get(busiestFirst.getFirst()) - load.get(idlestFirst.getFirst()) <= 1) {
                return;
            }
            boolean moved = false;
            for (UUID from : busiestFirst) {
                for (UUID to : idlestFirst) {
                    if (moved || load.get(from) - load.get(to) < 2) {
                        break;
                    }
                    moved = moveOne(from, to, added, entryById, judgesOf, load, judges.get(to), conflicts);
                }
                if (moved) {
                    break;
                }
            }
            if (!moved) {
                return;
            }
        }
    }

    /** Moves one of {@code from}'s new assignments to {@code to} where the rules allow it; whether one moved. */
    private static boolean moveOne(UUID from, UUID to, List<Pair> added, Map<UUID, Entry> entryById,
            Map<UUID, Set<UUID>> judgesOf, Map<UUID, Integer> load, Judge target, Set<Pair> conflicts) {
        for (int i = 0; i < added.size(); i++) {
            Pair pair = added.get(i);
            Entry entry = entryById.get(pair.entryId());
            if (pair.judgeId().equals(from) && !judgesOf.get(entry.id()).contains(to)
                    && eligible(target, entry, conflicts) && underCap(target, load.get(to))) {
                added.set(i, new Pair(entry.id(), to));
                judgesOf.get(entry.id()).remove(from);
                judgesOf.get(entry.id()).add(to);
                load.merge(from, -1, Integer::sum);
                load.merge(to, 1, Integer::sum);
                return true;
            }
        }
        return false;
    }

    private static boolean eligible(Judge judge, Entry entry, Set<Pair> conflicts) {
        return judge.covers(entry.categoryId()) && !conflicts.contains(new Pair(entry.id(), judge.id()));
    }

    private static boolean underCap(Judge judge, int load) {
        return judge.maxLoad() == null || load < judge.maxLoad();
    }
}
