package cn.kepu.media.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * HQL {@code in} lists whose query plans Hibernate can cache. Hibernate does not cache the plan (HQL turned into SQL)
 * of a query with a list parameter ({@code w.id in :ids}), so every page of search hits, creators and topics paid for
 * translating its statements again (a fifth of a search request's CPU time in a profile). One single-valued
 * parameter per value instead, their number padded to the next power of two with the last value repeated: a query
 * has a handful of shapes (1, 2, 4 … values), each planned once and then cached, and the database sees the same
 * statements it saw before.
 */
public final class InLists {

    /** Past this many values a list parameter again: rare, and too many shapes to be worth caching. */
    static final int MAX_PADDED = 512;

    private InLists() {
    }

    /**
     * The in-list for {@code values} ({@code (:name0, :name1, …)}), whose parameters {@link #bind} sets; a list
     * parameter ({@code (:name)}) past {@link #MAX_PADDED} values.
     */
    public static String placeholders(String name, Collection<?> values) {
        int slots = slots(values.size());
        if (slots == 0) {
            return "(:" + name + ")";
        }
        StringBuilder list = new StringBuilder(slots * (name.length() + 4)).append('(');
        for (int i = 0; i < slots; i++) {
            list.append(i == 0 ? ":" : ", :").append(name).append(i);
        }
        return list.append(')').toString();
    }

    /** Binds the parameters of {@link #placeholders} (for a list of the same size) through {@code bind}. */
    public static void bind(String name, Collection<?> values, BiConsumer<String, Object> bind) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an in-list needs at least one value");
        }
        int slots = slots(values.size());
        if (slots == 0) {
            bind.accept(name, values);
            return;
        }
        List<Object> list = new ArrayList<>(values);
        for (int i = 0; i < slots; i++) {
            bind.accept(name + i, list.get(Math.min(i, list.size() - 1)));
        }
    }

    /** The padded number of parameters, or 0 for a list parameter. */
    static int slots(int size) {
        if (size > MAX_PADDED) {
            return 0;
        }
        return size <= 1 ? 1 : Integer.highestOneBit(size - 1) << 1;
    }
}
