package dev.cairn.platform.page;

import java.util.List;

/**
 * One page of a list, and where the next one starts: {@code GET ...?cursor=<nextCursor>} until it is absent.
 *
 * @param items this page, in the list's order
 * @param nextCursor the cursor of the next page; absent on the last one
 */
public record Page<T>(List<T> items, String nextCursor) {}
