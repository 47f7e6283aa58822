package com.terrifictotes.etl.manifest;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What one extractor run delivered for one source table.
 *
 * @param windowLo       inclusive lower bound of {@code last_updated} that was read (overlap included); null on the
 *                       first run, which reads everything
 * @param windowHi       exclusive upper bound, fixed at the start of the run; the next run's window derives from it
 * @param columns        the CSV header, in order
 * @param recentVersions the row versions already delivered whose {@code last_updated} lies inside the re-read
 *                       overlap behind {@code windowHi}; the next run drops these, so a re-read is never re-delivered
 * @param rejects        row versions of the window the extractor could not deliver (left out of the CSV); optional
 *                       in the JSON, absent meaning none
 */
public record TableExtract(String table, LocalDateTime windowLo, LocalDateTime windowHi, List<String> columns,
                           long rows, long bytes, List<DataFile> files, List<RowVersion> recentVersions,
                           List<RejectedValue> rejects) {
    public TableExtract {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(windowHi, "windowHi");
        columns = List.copyOf(columns);
        files = List.copyOf(files);
        recentVersions = List.copyOf(recentVersions);
        rejects = rejects == null ? List.of() : List.copyOf(rejects);
        if (windowLo != null && !windowLo.isBefore(windowHi)) {
            throw new IllegalArgumentException(table + ": window lo " + windowLo + " is not before hi " + windowHi);
        }
        if (files.stream().mapToLong(DataFile::rows).sum() != rows) {
            throw new IllegalArgumentException(table + ": file row counts do not add up to " + rows);
        }
    }

    /** A table's extract with nothing rejected. */
    public TableExtract(String table, LocalDateTime windowLo, LocalDateTime windowHi, List<String> columns, long rows,
                        long bytes, List<DataFile> files, List<RowVersion> recentVersions) {
        this(table, windowLo, windowHi, columns, rows, bytes, files, recentVersions, List.of());
    }
}
