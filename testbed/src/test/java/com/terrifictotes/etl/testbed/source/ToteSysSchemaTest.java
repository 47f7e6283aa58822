package com.terrifictotes.etl.testbed.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Column;
import com.terrifictotes.etl.catalogue.ForeignKey;
import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.testbed.SchemaInspector;
import com.terrifictotes.etl.testbed.SchemaInspector.LiveColumn;
import com.terrifictotes.etl.testbed.SchemaInspector.LiveForeignKey;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** schema.sql, applied to a fresh database, is exactly what ToteSysCatalogue describes, and what production has. */
class ToteSysSchemaTest {
    private static Database database;
    private static SchemaInspector live;

    @BeforeAll
    static void createSchema() {
        database = TestBed.shared().createEmptyDatabase();
        ToteSysSchema.createIfMissing(database.dataSource());
        live = new SchemaInspector(database.dataSource());
    }

    @Test
    void createsTheCatalogueTablesPlusPrismasBookkeepingTableAndNothingElse() {
        Set<String> expected = ToteSysCatalogue.TABLES.stream().map(SourceTable::name).collect(Collectors.toSet());
        expected.add("_prisma_migrations");

        assertThat(live.tables()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(ToteSysCatalogue.find("_prisma_migrations")).isEmpty();
    }

    @Test
    void everyTableHasTheCatalogueColumnsInTheCatalogueOrderWithTheCatalogueTypesAndNullability() {
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            List<LiveColumn> expected = table.columns().stream()
                    .map(c -> new LiveColumn(c.name(), c.sqlType(), c.nullable())).toList();

            assertThat(live.columns(table.name())).as(table.name()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void everyTableHasTheCataloguePrimaryKeyFedByItsOwnSequence() {
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            assertThat(live.primaryKey(table.name())).as(table.name()).containsExactly(table.primaryKey());
            assertThat(live.owningSequence(table.name(), table.primaryKey())).as(table.name())
                    .isEqualTo("public." + table.name() + "_" + table.primaryKey() + "_seq");
        }
    }

    @Test
    void everyTableHasTheCatalogueForeignKeysAndUniqueKeys() {
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            Set<ForeignKey> liveKeys = live.foreignKeys(table.name()).stream()
                    .map(k -> new ForeignKey(k.column(), k.referencedTable(), k.referencedColumn()))
                    .collect(Collectors.toSet());

            assertThat(liveKeys).as(table.name()).containsExactlyInAnyOrderElementsOf(table.foreignKeys());
            assertThat(live.uniqueKeys(table.name())).as(table.name())
                    .containsExactlyInAnyOrderElementsOf(table.uniqueKeys());
        }
    }

    @Test
    void foreignKeysCascadeUpdatesAndRestrictDeletesExceptTransactionsWhichLoseTheirDeletedOrder() {
        Set<LiveForeignKey> setNull = new HashSet<>();
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            for (LiveForeignKey key : live.foreignKeys(table.name())) {
                assertThat(key.onUpdate()).as(table.name() + "." + key.column()).isEqualTo('c');
                if (key.onDelete() == 'n') {
                    setNull.add(key);
                } else {
                    assertThat(key.onDelete()).as(table.name() + "." + key.column()).isEqualTo('r');
                }
            }
        }

        assertThat(setNull).extracting(LiveForeignKey::column)
                .containsExactlyInAnyOrder("sales_order_id", "purchase_order_id");
        assertThat(live.foreignKeys("transaction")).containsAll(setNull);
    }

    @Test
    void enumTypesHaveTheCatalogueLabelsInOrder() {
        for (var type : List.of(ToteSysCatalogue.PAYMENT_TYPE_NAME, ToteSysCatalogue.TRANSACTION_TYPE)) {
            assertThat(live.enumLabels(type.name())).as(type.name()).containsExactlyElementsOf(type.labels());
        }
    }

    @Test
    void auditColumnsDefaultCreatedAtButLeaveLastUpdatedToTheApplication() throws SQLException {
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            assertThat(columnDefault(table, table.column(SourceTable.CREATED_AT))).as(table.name())
                    .isEqualTo("CURRENT_TIMESTAMP");
            assertThat(columnDefault(table, table.column(SourceTable.LAST_UPDATED))).as(table.name()).isNull();
        }
    }

    @Test
    void prismasMigrationTableHasItsProductionColumnsAndOneRow() throws SQLException {
        assertThat(live.columns("_prisma_migrations")).containsExactly(
                new LiveColumn("id", "character varying(36)", false),
                new LiveColumn("checksum", "character varying(64)", false),
                new LiveColumn("finished_at", "timestamp with time zone", true),
                new LiveColumn("migration_name", "character varying(255)", false),
                new LiveColumn("logs", "text", true),
                new LiveColumn("rolled_back_at", "timestamp with time zone", true),
                new LiveColumn("started_at", "timestamp with time zone", false),
                new LiveColumn("applied_steps_count", "integer", false));
        assertThat(live.primaryKey("_prisma_migrations")).containsExactly("id");
        assertThat(count(database, "SELECT count(*) FROM _prisma_migrations")).isEqualTo(1);
    }

    @Test
    void applyingTheSchemaAgainChangesNothing() throws SQLException {
        ToteSysSchema.createIfMissing(database.dataSource());
        ToteSysSchema.createIfMissing(database.dataSource());

        assertThat(count(database, "SELECT count(*) FROM _prisma_migrations")).isEqualTo(1);
        assertThat(live.tables()).hasSize(ToteSysCatalogue.TABLES.size() + 1);
    }

    @Test
    void theTestBedHandsOutToteSysDatabasesWithTheSchemaAndNoBusinessRows() throws SQLException {
        Database fresh = TestBed.shared().createToteSysDatabase();

        assertThat(new SchemaInspector(fresh.dataSource()).tables()).isEqualTo(live.tables());
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            assertThat(count(fresh, "SELECT count(*) FROM " + table.quotedName())).as(table.name()).isZero();
        }
    }

    private static String columnDefault(SourceTable table, Column column) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             var statement = c.prepareStatement("SELECT column_default FROM information_schema.columns "
                     + "WHERE table_schema = 'public' AND table_name = ? AND column_name = ?")) {
            statement.setString(1, table.name());
            statement.setString(2, column.name());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
