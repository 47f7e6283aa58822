package com.terrifictotes.etl.transformer;

import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.ADDRESS;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.COUNTERPARTY;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.DEPARTMENT;
import static com.terrifictotes.etl.catalogue.ToteSysCatalogue.STAFF;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_COUNTERPARTY;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_DATE;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_LOCATION;
import static com.terrifictotes.etl.catalogue.WarehouseCatalogue.DIM_STAFF;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.lake.AvroSchemas;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.TableOutput;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;

/**
 * One pass over a batch: every warehouse table derived and sent to sinks. The same pass runs twice, first into
 * counting sinks (which validates every row and writes nothing), then into Parquet; only what differs between the
 * two is passed in: the sinks and the gates that decide which row versions become rows.
 */
final class BatchPass {
    /** Decides whether a source row version becomes a row of its table. */
    interface VersionGate {
        boolean admit(SourceRow row);
    }

    record Result(TableOutput output, TableStats stats) {
    }

    private final long sequence;
    private final IngestedTables input;
    private final JoinState state;
    private final Map<String, Long> joinRowsRead;
    private final TableSink.Factory sinks;
    private final Function<StreamedTable, VersionGate> gates;
    private final SortedSet<LocalDate> factDates = new TreeSet<>();
    private final Map<String, Result> results = new LinkedHashMap<>();
    private long factRows;

    BatchPass(long sequence, IngestedTables input, JoinState state, Map<String, Long> joinRowsRead,
              TableSink.Factory sinks, Function<StreamedTable, VersionGate> gates) {
        this.sequence = sequence;
        this.input = input;
        this.state = state;
        this.joinRowsRead = joinRowsRead;
        this.sinks = sinks;
        this.gates = gates;
    }

    /** Results by warehouse table name. */
    Map<String, Result> run() {
        fromState(DIM_LOCATION, ADDRESS, state.locationsToEmit(),
                address -> Dimensions.location(address));
        fromState(DIM_STAFF, STAFF, state.staffToEmit(),
                staff -> Dimensions.staff(staff, state.joined(staff, "department_id", DEPARTMENT)));
        fromState(DIM_COUNTERPARTY, COUNTERPARTY, state.counterpartiesToEmit(),
                party -> Dimensions.counterparty(party, state.joined(party, "legal_address_id", ADDRESS)));
        StreamedTable.DIMENSIONS.forEach(this::stream);
        StreamedTable.FACTS.forEach(this::stream);
        calendar();
        return results;
    }

    private void fromState(WarehouseTable target, SourceTable source, Collection<Integer> ids,
                           Function<SourceRow, GenericRecord> derivation) {
        long started = System.nanoTime();
        try (TableSink sink = open(target)) {
            for (int id : ids) {
                sink.write(derivation.apply(state.current(source, id)));
            }
            finish(target, sink, joinRowsRead.getOrDefault(source.name(), 0L), started);
        }
    }

    private void stream(StreamedTable table) {
        long started = System.nanoTime();
        VersionGate gate = gates.apply(table);
        boolean fact = table.target().isFact();
        try (TableSink sink = open(table.target())) {
            long rowsIn = input.forEachRow(table.source(), row -> {
                if (gate.admit(row)) {
                    GenericRecord derived = table.derive(row);
                    sink.write(derived);
                    if (fact) {
                        Facts.referencedDates(table.target(), derived, factDates::add);
                    }
                }
            });
            if (fact) {
                factRows += sink.rows();
            }
            finish(table.target(), sink, rowsIn, started);
        }
    }

    /** dim_date: every date the batch's fact rows reference, so no date foreign key can miss. */
    private void calendar() {
        long started = System.nanoTime();
        try (TableSink sink = open(DIM_DATE)) {
            factDates.forEach(date -> sink.write(CalendarDates.dimDate(date)));
            finish(DIM_DATE, sink, factRows, started);
        }
    }

    private TableSink open(WarehouseTable table) {
        return sinks.open(table.name(), AvroSchemas.of(table),
                part -> BucketLayout.parquetPartKey(table.name(), sequence, part));
    }

    private void finish(WarehouseTable table, TableSink sink, long rowsIn, long startedNanos) {
        TableOutput output = sink.finish();
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        results.put(table.name(), new Result(output, new TableStats(table.name(), rowsIn, sink.rows(), millis)));
    }
}
