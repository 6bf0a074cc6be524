package dev.cairn.platform.page;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, and where the next one starts: {@code GET ...?cursor=<nextCursor>} until it is absent (the
 * answer's {@code Link: <…>; rel="next"} header names that request whole, {@code dev.cairn.platform.http.NextLinkFilter}).
 *
 * @param items this page, in the list's order
 * @param nextCursor the cursor of the next page; absent on the last one
 */
public record Page<T>(List<T> items, String nextCursor) {
    /**
     * The page of the first {@code limit} of {@code rows}, which were read with a limit of {@code limit + 1} (so
     * that one more row says whether a next page exists), each made an item by {@code item}; the next page starts
     * after the last item's {@code cursor}.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> item, Function<R, String> cursor) {
        List<R> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        return new Page<>(page.stream().map(item).toList(), rows.size() > limit ? cursor.apply(page.getLast()) : null);
    }
}
