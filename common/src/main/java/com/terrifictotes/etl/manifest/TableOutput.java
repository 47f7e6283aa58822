package com.terrifictotes.etl.manifest;

import java.util.List;
import java.util.Objects;

/** What the transformer wrote for one warehouse table of one batch. A table with no rows has no files. */
public record TableOutput(String table, long rows, List<DataFile> files) {
    public TableOutput {
        Objects.requireNonNull(table, "table");
        files = List.copyOf(files);
        if (files.stream().mapToLong(DataFile::rows).sum() != rows) {
            throw new IllegalArgumentException(table + ": file row counts do not add up to " + rows);
        }
    }
}
