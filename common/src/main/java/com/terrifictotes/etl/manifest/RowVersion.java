package com.terrifictotes.etl.manifest;

import java.time.LocalDateTime;
import java.util.Objects;

/** One version of a source row: its primary key and {@code last_updated}. A version reaches the warehouse once. */
public record RowVersion(int id, LocalDateTime lastUpdated) {
    public RowVersion {
        Objects.requireNonNull(lastUpdated, "lastUpdated");
    }
}
