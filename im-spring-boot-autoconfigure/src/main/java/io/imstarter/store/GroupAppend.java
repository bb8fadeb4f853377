package io.imstarter.store;

/**
 * The outcome of {@link GroupStore#append}.
 *
 * @param message the stored row
 * @param duplicate true when the row was stored by an earlier append of the same {@code (sender, fp)}
 */
public record GroupAppend(StoredGroupMessage message, boolean duplicate) {
}
