package com.terrifictotes.etl.manifest;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A row version the extractor could not deliver, left out of the CSV and listed in its table's entry of the
 * ingestion manifest instead (for example text that is not valid UTF-8 in a SQL_ASCII source). The transformer
 * carries it into the quarantine ({@code etl_rejected_row}, stage {@code extract}) with the batch.
 *
 * @param id          the row's primary key
 * @param lastUpdated the version's {@code last_updated}
 * @param column      the column holding the value
 * @param reason      why it cannot be delivered
 * @param value       the value shown safely (e.g. its valid prefix and the bad bytes in hex), or null
 */
public record RejectedValue(int id, LocalDateTime lastUpdated, String column, String reason, String value) {
    public RejectedValue {
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(reason, "reason");
    }
}
