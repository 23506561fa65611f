package cn.kepu.media.shared.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of rows fetched with {@code first + 1} so {@code hasNextPage} needs no extra query.
 *
 * @param <T> row type
 */
public record Page<T>(List<T> items, boolean hasNextPage, long totalCount) {

    public static <T> Page<T> fromOverfetched(List<T> rows, int first, long totalCount) {
        boolean more = rows.size() > first;
        return new Page<>(more ? List.copyOf(rows.subList(0, first)) : List.copyOf(rows), more, totalCount);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), hasNextPage, totalCount);
    }

    public PageInfo pageInfo(Function<T, Cursor> cursorOf, boolean hasPrevious) {
        return new PageInfo(hasNextPage, hasPrevious,
                items.isEmpty() ? null : cursorOf.apply(items.getFirst()).encode(),
                items.isEmpty() ? null : cursorOf.apply(items.getLast()).encode());
    }
}
