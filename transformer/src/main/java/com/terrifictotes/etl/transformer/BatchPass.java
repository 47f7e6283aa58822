package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_DATE;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.ETL_DELETED_ROW;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.ETL_REJECTED_ROW;
import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.terrifictotes.etl.catalogue.EtlColumns;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.lake.TableRow;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over a batch: every warehouse table derived and sent to sinks, every source row read and decoded once.
 * The sinks publish nothing until the whole batch is through (see {@link StagedObjects}), so a file-level fault
 * anywhere still leaves nothing behind. A row version the warehouse cannot hold is no such fault: it goes to the
 * {@link Quarantine}, and the pass goes on.
 *
 * <p>Which versions become rows: a fact gets every version once (repeats and versions the previous batch delivered
 * are dropped); a dimension gets the latest version of each id. Nearly every batch carries an id at most once, so a
 * dimension is written as it is read; only if an id came twice is that table's output discarded and the table read
 * again, keeping the first occurrence of each id's latest version, as learnt from the first read.
 */
final class BatchPass {
    /** Decides whether a source row version (its id and {@link VersionStamps stamp}) becomes a row of its table. */
    interface VersionGate {
        boolean admit(int id, long stamp);
    }

    record Result(TableOutput output, TableStats stats) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(BatchPass.class);

    private final long sequence;
    private final IngestedTables input;
    private final JoinState state;
    private final Map<String, Long> joinRowsRead;
    private final TableSink.Factory sinks;
    private final Map<String, List<RowVersion>> delivered;
    private final Quarantine quarantine;
    private final List<TableRow> deletedRows;
    private final boolean columnarPass;
    private final Facts.ReferencedDays factDays = new Facts.ReferencedDays();
    private final Map<String, Result> results = new LinkedHashMap<>();
    private long factRows;

    /**
     * @param delivered   fact versions not to write again (those the previous extraction delivered in its overlap)
     * @param deletedRows the etl_deleted_row rows of a reconciliation batch ({@link DeletedRows}); none otherwise
     * @param columnarPass whether a streamed table with a columnar pass ({@link ColumnarTable}) takes it
     */
    BatchPass(long sequence, IngestedTables input, JoinState state, Map<String, Long> joinRowsRead,
              TableSink.Factory sinks, Map<String, List<RowVersion>> delivered, Quarantine quarantine,
              List<TableRow> deletedRows, boolean columnarPass) {
        this.sequence = sequence;
        this.input = input;
        this.state = state;
        this.joinRowsRead = joinRowsRead;
        this.sinks = sinks;
        this.delivered = delivered;
        this.quarantine = quarantine;
        this.deletedRows = deletedRows;
        this.columnarPass = columnarPass;
    }

    /** Results by warehouse table name. */
    Map<String, Result> run() {
        Lineage.ALL.stream().filter(l -> JoinState.keeps(l.source())).forEach(this::fromState);
        StreamedTable.DIMENSIONS.forEach(this::stream);
        StreamedTable.FACTS.forEach(this::stream);
        calendar();
        quarantined();
        try (TableSink sink = open(ETL_DELETED_ROW)) {
            long started = System.nanoTime();
            deletedRows.forEach(sink::write);
            finish(ETL_DELETED_ROW, sink, deletedRows.size(), started);
        }
        return results;
    }

    /**
     * Rows of the join state: every one was checked when it arrived ({@link Dimensions#check}), so deriving cannot
     * refuse one. A row whose parent has not arrived yet is not written (null): it waits for its parent.
     */
    private void fromState(Lineage lineage) {
        long started = System.nanoTime();
        try (TableSink sink = open(lineage.target())) {
            for (int id : state.toEmit(lineage)) {
                SourceRow source = state.current(lineage.source(), id);
                TableRow row = lineage.parent().isEmpty() ? lineage.derive(source, null)
                        : joined(lineage, source);
                if (row != null) {
                    sink.write(row);
                }
            }
            finish(lineage.target(), sink, joinRowsRead.getOrDefault(lineage.source().name(), 0L), started);
        }
    }

    private TableRow joined(Lineage lineage, SourceRow row) {
        Lineage.Join join = lineage.parent().orElseThrow();
        SourceRow parent = state.joined(row, join.foreignKey(), join.table());
        if (parent == null) {
            LOG.warn("dimension row waits for its parent: neither this batch nor the state holds it yet; facts"
                            + " referencing the row load against an inferred row until the parent arrives",
                    entry("sequence", sequence), entry(EtlColumns.SOURCE_TABLE, row.table().name()),
                    entry(EtlColumns.SOURCE_ID, row.id()), entry("column", join.foreignKey()),
                    entry("parent_table", join.table().name()), entry("parent_id", row.integer(join.foreignKey())),
                    entry("state", state.previousBatch()));
            return null;
        }
        return lineage.derive(row, parent);
    }

    /** etl_rejected_row: the versions this batch set aside, and the earlier ones it superseded. */
    private void quarantined() {
        long started = System.nanoTime();
        try (TableSink sink = open(ETL_REJECTED_ROW)) {
            quarantine.rows().forEach(sink::write);
            finish(ETL_REJECTED_ROW, sink, quarantine.versions(), started);
        }
    }

    private void stream(StreamedTable table) {
        long started = System.nanoTime();
        if (table.target().isFact()) {
            DistinctVersions seen = DistinctVersions.alreadyDelivered(
                    delivered.getOrDefault(table.source().name(), List.of()));
            write(table, seen::add, () -> true, started);
            return;
        }
        LatestVersions latest = new LatestVersions();
        boolean[] repeated = {false};
        VersionGate everyRow = (id, stamp) -> {
            repeated[0] |= !latest.record(id, stamp);
            return true; // derived even when it will be discarded: every version is validated, as before
        };
        if (!write(table, everyRow, () -> !repeated[0], started)) {
            write(table, latest::admit, () -> true, started);
        }
    }

    /**
     * Writes the rows the gate admits. @return false, with the output discarded, if {@code keep} says so at the end
     */
    private boolean write(StreamedTable table, VersionGate gate, BooleanSupplier keep, long started) {
        boolean fact = table.target().isFact();
        ColumnarTable columnar = columnarPass ? table.columnar() : null;
        String source = table.source().name();
        try (TableSink sink = open(table.target())) {
            long[] columnarRows = {0};
            Consumer<FastCells> held = cells -> {
                columnarRows[0]++;
                int id = columnar.id(cells);
                long stamp = columnar.stamp(cells);
                if (gate.admit(id, stamp)) {
                    sink.write(columnar.row(cells));
                    quarantine.accepted(source, id, stamp);
                    if (fact) {
                        columnar.referencedDays(cells, factDays);
                    }
                }
            };
            long rowsIn = input.forEachRow(table.source(), columnar, held, row -> {
                if (gate.admit(row.id(), VersionStamps.of(row.lastUpdated()))) {
                    TableRow derived;
                    try {
                        derived = table.derive(row);
                    } catch (RowRejected rejected) {
                        quarantine.reject(rejected);
                        return;
                    }
                    sink.write(derived);
                    quarantine.accepted(row);
                    if (fact) {
                        factDays.row(table.target(), derived);
                    }
                }
            }, quarantine);
            if (!keep.getAsBoolean()) {
                return false; // closed unfinished: its parts are aborted
            }
            if (fact) {
                factRows += sink.rows();
            }
            finish(table.target(), sink, rowsIn, columnar == null ? 0 : rowsIn - columnarRows[0], started);
            return true;
        }
    }

    /** dim_date: every date the batch's fact rows reference, so no date foreign key can miss. */
    private void calendar() {
        long started = System.nanoTime();
        try (TableSink sink = open(DIM_DATE)) {
            factDays.forEach(date -> sink.write(CalendarDates.dimDate(date)));
            finish(DIM_DATE, sink, factRows, started);
        }
    }

    private TableSink open(WarehouseTable table) {
        return sinks.open(table.name(), AvroSchemas.of(table),
                part -> BucketLayout.parquetPartKey(table.name(), sequence, part));
    }

    /** For a table without a columnar pass. */
    private void finish(WarehouseTable table, TableSink sink, long rowsIn, long startedNanos) {
        finish(table, sink, rowsIn, 0, startedNanos);
    }

    private void finish(WarehouseTable table, TableSink sink, long rowsIn, long rowPath, long startedNanos) {
        TableOutput output = sink.finish();
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        results.put(table.name(), new Result(output, new TableStats(table.name(), rowsIn, sink.rows(), millis,
                rowPath)));
    }
}
