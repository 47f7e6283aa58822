package com.terrifictotes.etl.testbed.expected;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.csv.CsvDialect;
import com.terrifictotes.etl.manifest.ContinueAfter;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.RejectedValue;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.SourceSnapshot;
import com.terrifictotes.etl.testbed.servers.Database;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;

/**
 * The oracle's model of what the pipeline was given: ToteSys as its extractions delivered it, kept in a mirror
 * database of its own. Each published extraction delivers, per table, the row versions whose {@code last_updated}
 * lies in the window its manifest records and that no earlier extraction delivered (so a row stamped in the future,
 * in the past or committed late arrives when a window first covers it, exactly then). Of these, a version whose
 * values the warehouse can hold ({@link WarehouseDomainSql}, asked of PostgreSQL) replaces its row in the mirror,
 * whatever its stamp: the latest delivery wins. Any other is set aside as rejected, and superseded by the first
 * later batch that delivers an accepted version of its row.
 *
 * <p>A reconciliation batch delivers ToteSys as it is now: every row whose text differs from the mirror's (or that
 * the mirror lacks), unless its version is one already set aside (the pass leaves known-bad versions alone), is
 * accepted or set aside as above; every row of the mirror that ToteSys no longer has leaves the mirror (the warehouse
 * flags it deleted). Versions the pass finds in flight are delivered here at once, which ends the same as the normal
 * chain delivering them a cycle later.
 *
 * <p>A batch cut at its row limit ({@link TableExtract#continueAfter()}) delivers its window up to the cut only. A
 * batch that read part of a table's backfill range delivers that part too ({@link BackfillRead}).
 *
 * <p>{@link WarehouseFromSource#snapshot} of the mirror then computes the star schema with the oracle's plain SQL, as
 * it does from ToteSys itself; {@link WarehouseContents#expected} folds the snapshots. For a source whose rows are all
 * stamped in order and all representable, this gives exactly the snapshots of ToteSys itself.
 */
public final class DeliveredSource {
    private final DataSource mirror;
    private final Set<String> delivered = new HashSet<>();
    private final Set<String> setAside = new HashSet<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final Map<String, TableExtract> previous = new HashMap<>();

    /** @param mirror an empty database of its own */
    public DeliveredSource(Database mirror) {
        this.mirror = mirror.dataSource();
        try (Connection connection = this.mirror.getConnection(); Statement statement = connection.createStatement()) {
            for (SourceTable table : ToteSysCatalogue.TABLES) {
                statement.execute("CREATE TABLE " + table.quotedName() + " (" + table.columns().stream()
                        .map(c -> c.quotedName() + " text").collect(Collectors.joining(", ")) + ", PRIMARY KEY ("
                        + table.column(table.primaryKey()).quotedName() + "))");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the oracle's mirror: " + e.getMessage(), e);
        }
    }

    /** Delivers one published extraction, read from ToteSys as it is now; returns the star schema it leads to. */
    public SourceSnapshot deliver(DataSource totesys, IngestionManifest manifest) {
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            if (manifest.isReconciliation()) {
                reconcile(totesys, manifest.sequence(), table);
            } else {
                manifest.table(table.name()).ifPresent(extract -> deliver(totesys, manifest.sequence(), table,
                        extract, BackfillRead.of(previous.get(table.name()), extract)));
            }
            manifest.table(table.name()).ifPresent(extract -> previous.put(table.name(), extract));
        }
        SourceSnapshot star = WarehouseFromSource.snapshot(mirror);
        return new SourceSnapshot(star.tables(), rejections.stream().map(Rejection::textRow).sorted().toList());
    }

    private void deliver(DataSource totesys, long batch, SourceTable table, TableExtract extract,
                         BackfillRead backfill) {
        Set<String> extractorRejected = new HashSet<>();
        for (RejectedValue reject : extract.rejects()) {
            String id = Integer.toString(reject.id());
            rejections.add(new Rejection(batch, table.name(), id, reject.column()));
            extractorRejected.add(id);
            delivered.add(version(table, id, reject.lastUpdated().toString()));
            setAside.add(version(table, id, reject.lastUpdated().toString()));
        }
        List<String[]> accepted = new ArrayList<>();
        List<WarehouseDomainSql.Check> checks = WarehouseDomainSql.checks(table);
        try (Connection connection = totesys.getConnection();
             PreparedStatement select = connection.prepareStatement(select(table, checks, extract))) {
            int index = 1;
            select.setObject(index++, extract.windowHi());
            if (extract.windowLo() != null) {
                select.setObject(index++, extract.windowLo());
            }
            ContinueAfter cut = extract.continueAfter();
            if (cut != null && cut.lastUpdated() != null) {
                select.setObject(index++, cut.lastUpdated());
                if (cut.id() != null) {
                    select.setInt(index, cut.id());
                }
            }
            takeAll(select, batch, table, extractorRejected, checks, accepted);
            if (backfill != null) {
                try (PreparedStatement range = backfill.select(connection, select(table, checks, null), table)) {
                    takeAll(range, batch, table, extractorRejected, checks, accepted);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table.name() + " from ToteSys: " + e.getMessage(), e);
        }
        upsert(table, accepted);
    }

    private void takeAll(PreparedStatement select, long batch, SourceTable table, Set<String> extractorRejected,
                         List<WarehouseDomainSql.Check> checks, List<String[]> accepted) throws SQLException {
        int columns = table.columns().size();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String[] values = values(rows, columns);
                String id = values[table.columnIndex(table.primaryKey())];
                String stamp = String.valueOf(rows.getObject(columns + 1, java.time.LocalDateTime.class));
                if (extractorRejected.contains(id) || !delivered.add(version(table, id, stamp))) {
                    continue;
                }
                take(rows, batch, table, values, stamp, checks, accepted);
            }
        }
    }

    /** A version delivered: accepted into {@code accepted} and superseding earlier rejections, or set aside. */
    private void take(ResultSet rows, long batch, SourceTable table, String[] values, String stamp,
                      List<WarehouseDomainSql.Check> checks, List<String[]> accepted) throws SQLException {
        String id = values[table.columnIndex(table.primaryKey())];
        List<String> failed = failed(rows, table.columns().size() + 2, checks);
        if (failed.isEmpty()) {
            accepted.add(values);
            supersede(batch, table, id);
        } else {
            failed.forEach(column -> rejections.add(new Rejection(batch, table.name(), id, column)));
            setAside.add(version(table, id, stamp));
        }
    }

    /** The row's first {@code columns} values as text, as the extractor's CSV holds them. */
    private static String[] values(ResultSet rows, int columns) throws SQLException {
        String[] values = new String[columns];
        for (int i = 0; i < columns; i++) {
            values[i] = rows.getString(i + 1);
        }
        return values;
    }

    /**
     * A reconciliation batch's delivery of one table: ToteSys's rows that the mirror lacks or holds otherwise, bar
     * versions already set aside; and the mirror's rows ToteSys no longer has leave it.
     */
    private void reconcile(DataSource totesys, long batch, SourceTable table) {
        Map<String, String[]> mirrored = mirrorRows(table);
        List<String[]> accepted = new ArrayList<>();
        List<WarehouseDomainSql.Check> checks = WarehouseDomainSql.checks(table);
        int columns = table.columns().size();
        try (Connection connection = totesys.getConnection();
             PreparedStatement select = connection.prepareStatement(select(table, checks, null));
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String[] values = values(rows, columns);
                String id = values[table.columnIndex(table.primaryKey())];
                String stamp = String.valueOf(rows.getObject(columns + 1, java.time.LocalDateTime.class));
                String[] before = mirrored.remove(id);
                if (Arrays.equals(before, values) || setAside.contains(version(table, id, stamp))) {
                    continue;
                }
                delivered.add(version(table, id, stamp));
                take(rows, batch, table, values, stamp, checks, accepted);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table.name() + " from ToteSys: " + e.getMessage(), e);
        }
        remove(table, mirrored.keySet());
        upsert(table, accepted);
    }

    private Map<String, String[]> mirrorRows(SourceTable table) {
        Map<String, String[]> rows = new HashMap<>();
        int key = table.columnIndex(table.primaryKey());
        try (Connection connection = mirror.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT " + table.selectList() + " FROM "
                     + table.quotedName())) {
            while (result.next()) {
                String[] values = new String[table.columns().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = result.getString(i + 1);
                }
                rows.put(values[key], values);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the oracle's mirror of " + table.name() + ": "
                    + e.getMessage(), e);
        }
        return rows;
    }

    private void remove(SourceTable table, Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = mirror.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table.quotedName() + " WHERE "
                     + table.column(table.primaryKey()).quotedName() + " = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("text", ids.toArray()));
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the oracle's mirror of " + table.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Every column as text, the stamp (which identifies the version with the key), then each check's outcome. */
    private static String select(SourceTable table, List<WarehouseDomainSql.Check> checks, TableExtract extract) {
        String values = table.columns().stream().map(c -> c.quotedName() + "::text")
                .collect(Collectors.joining(", "));
        String outcomes = checks.stream().map(WarehouseDomainSql.Check::predicate).collect(Collectors.joining(", "));
        String from = "SELECT " + values + ", last_updated::timestamp, " + outcomes + " FROM " + table.quotedName();
        if (extract == null) {
            return from; // a reconciliation reads every row
        }
        String window = from + " WHERE last_updated < ?" + (extract.windowLo() == null ? "" : " AND last_updated >= ?");
        ContinueAfter cut = extract.continueAfter();
        if (cut == null) {
            return window;
        }
        // a batch cut at its row limit delivered its window up to the cut only
        return window + (cut.lastUpdated() == null ? " AND false" : cut.id() == null ? " AND last_updated < ?"
                : " AND (last_updated, " + table.column(table.primaryKey()).quotedName() + ") <= (?, ?)");
    }

    /** The columns whose check fails; a failing key or stamp alone, as nothing else of the row can be told. */
    private static List<String> failed(ResultSet row, int first, List<WarehouseDomainSql.Check> checks)
            throws SQLException {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            if (!row.getBoolean(first + i)) {
                failed.add(checks.get(i).column());
                if (i < 2) {
                    return failed;
                }
            }
        }
        return failed;
    }

    private void supersede(long batch, SourceTable table, String id) {
        for (Rejection rejection : rejections) {
            if (rejection.supersededIn == null && rejection.batch < batch && rejection.table.equals(table.name())
                    && rejection.id.equals(id)) {
                rejection.supersededIn = batch;
            }
        }
    }

    /** The accepted versions replace their rows in the mirror (the latest delivery wins). */
    private void upsert(SourceTable table, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String columns = table.columns().stream().map(Column::quotedName).collect(Collectors.joining(", "));
        String updates = table.columns().stream().map(c -> c.quotedName() + " = EXCLUDED." + c.quotedName())
                .collect(Collectors.joining(", "));
        try (Connection connection = mirror.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("CREATE TEMPORARY TABLE incoming (LIKE " + table.quotedName() + ") ON COMMIT DROP");
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY incoming (" + columns
                    + ") FROM STDIN (FORMAT csv)", new StringReader(csv(rows)));
            statement.execute("INSERT INTO " + table.quotedName() + " (" + columns + ") SELECT " + columns
                    + " FROM incoming ON CONFLICT (" + table.column(table.primaryKey()).quotedName()
                    + ") DO UPDATE SET " + updates);
            connection.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot update the oracle's mirror of " + table.name() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String csv(List<String[]> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CsvDialect.FORMAT)) {
            for (String[] row : rows) {
                printer.printRecord((Object[]) row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String version(SourceTable table, String id, String stamp) {
        return table.name() + '\u0000' + id + '\u0000' + stamp;
    }
}
