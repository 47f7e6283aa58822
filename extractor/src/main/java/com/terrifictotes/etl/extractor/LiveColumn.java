package com.terrifictotes.etl.extractor;

import java.util.List;
import java.util.Objects;

/**
 * One column of a source table as the database has it now.
 *
 * @param notNull    true if the column (or its domain) is declared NOT NULL
 * @param enumLabels the labels of its enum type in their order, for an enum column; otherwise empty
 */
record LiveColumn(String name, LiveType type, boolean notNull, List<String> enumLabels) {
    LiveColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        enumLabels = List.copyOf(enumLabels);
    }
}
