package com.terrifictotes.etl.extractor;

import java.util.Objects;

/**
 * One schema drift the run carries.
 *
 * @param column  the column concerned (for a label, the column of that enum type)
 * @param message one sentence naming the table, the column or label, and what the extractor does about it
 */
record DriftWarning(DriftKind kind, String table, String column, String message) {
    DriftWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(message, "message");
    }
}
