package com.terrifictotes.etl.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param recentVersions the row versions already delivered (or rejected) whose {@code last_updated} lies inside the
 *                       re-read overlap behind {@code windowHi}; the next run drops these, so a re-read is never
 *                       re-delivered
 * @param recentFrom     from which {@code last_updated} on {@code recentVersions} is complete: every version any run
 *                       delivered at or after it is listed. Null in manifests written before the field existed
 *                       (the extractor then assumes {@code windowHi} minus its overlap, as it always did)
 * @param rejects        row versions read in this window but left out of the CSV because a value could not be
 *                       delivered (see {@link RejectedValue}); not counted in {@code rows}. Optional in JSON: absent
 *                       when empty, so manifests without rejects are exactly as before
 * @param continueAfter  null when the window was read to its end; otherwise the batch stopped at its row limit
 *                       ({@code EXTRACT_MAX_BATCH_ROWS}) and this is where the next batch goes on reading the table
 *                       (format 3). {@code recentVersions} then also lists every version delivered after this
 *                       position, whatever its stamp, so the next batch drops what is already delivered there
 */
public record TableExtract(String table, LocalDateTime windowLo, LocalDateTime windowHi, List<String> columns,
                           long rows, long bytes, List<DataFile> files, List<RowVersion> recentVersions,
                           @JsonInclude(JsonInclude.Include.NON_NULL) LocalDateTime recentFrom,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RejectedValue> rejects,
                           @JsonInclude(JsonInclude.Include.NON_NULL) ContinueAfter continueAfter,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Backfill backfill) {
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
        if (recentFrom != null && recentFrom.isAfter(windowHi)) {
            throw new IllegalArgumentException(table + ": recent versions from " + recentFrom + " lie after hi "
                    + windowHi);
        }
        if (continueAfter != null && continueAfter.lastUpdated() != null
                && !continueAfter.lastUpdated().isBefore(windowHi)) {
            throw new IllegalArgumentException(table + ": a cut at " + continueAfter.lastUpdated()
                    + " lies at or after hi " + windowHi);
        }
        if (backfill != null && windowLo != null && backfill.below().isAfter(windowLo)) {
            throw new IllegalArgumentException(table + ": a backfill range below " + backfill.below()
                    + " reaches into the window from " + windowLo);
        }
    }

    /** An extract read to the end of its window (no cut). */
    public TableExtract(String table, LocalDateTime windowLo, LocalDateTime windowHi, List<String> columns,
                        long rows, long bytes, List<DataFile> files, List<RowVersion> recentVersions,
                        LocalDateTime recentFrom, List<RejectedValue> rejects) {
        this(table, windowLo, windowHi, columns, rows, bytes, files, recentVersions, recentFrom, rejects, null, null);
    }

    /** True if the batch stopped before the end of this table's window: the next batch goes on from the cut. */
    @JsonIgnore
    public boolean isCut() {
        return continueAfter != null;
    }

    /** True if something of the table is left for a later batch: its window was cut, or a backfill range is left. */
    @JsonIgnore
    public boolean isUnfinished() {
        return continueAfter != null || backfill != null;
    }

    /** An extract without {@code recentFrom} or rejects, as manifests written before those fields existed hold. */
    public TableExtract(String table, LocalDateTime windowLo, LocalDateTime windowHi, List<String> columns,
                        long rows, long bytes, List<DataFile> files, List<RowVersion> recentVersions) {
        this(table, windowLo, windowHi, columns, rows, bytes, files, recentVersions, null, List.of(), null, null);
    }
}
