package com.terrifictotes.etl.local.e2e;

import static com.terrifictotes.etl.local.e2e.WarehouseAssertions.assertTablesEqual;
import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.Identifiers;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.source.ChangeReport;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue #19, "the 15-minute incremental cycle still delivers while the chain runs", through the local runner: with
 * {@code EXTRACT_MAX_BATCH_ROWS=5000}, a day of changes made after the first batch of an SF1 first load is in the
 * warehouse once the chain's second batch is loaded (each run reads every table's fresh window before the rest of the
 * old windows). Facts of those changes that name a dimension row still in a backfill range get an inferred row,
 * filled when the row arrives; and the chain ends with the warehouse the oracle computes from what was delivered.
 */
class FreshChangesDuringAChainEndToEndTest {
    private static final long BATCH_ROWS = 5_000;

    private final PipelineBed bed = EmbeddedBed.INSTANCE;

    @Test
    void changesMadeAfterTheFirstBatchAreInTheWarehouseOnceTheSecondBatchIsLoadedAndTheChainEndsRight()
            throws SQLException {
        DataSource toteSys = bed.createToteSys(ToteSysFixture.Size.SCALE_FACTOR_ONE);
        Deployment deployment = Deployment.reading(bed, toteSys, settings -> settings.withMaxBatchRows(BATCH_ROWS));
        deployment.cycleOneBatch();
        assertThat(deployment.ingestionManifest(1).tables()).as("the first batch of a chain")
                .anyMatch(TableExtract::isCut);

        ChangeReport changes = ToteSysFixture.dayOfChanges(toteSys);
        deployment.cycleOneBatch();

        IngestionManifest second = deployment.ingestionManifest(2);
        assertThat(second.tables()).as("the old windows wait in backfill ranges").anyMatch(t -> t.backfill() != null);
        assertThat(present(deployment.warehouse(), WarehouseCatalogue.FACT_SALES_ORDER, changes.newSalesOrderIds()))
                .as("the day's new sales orders").isEqualTo(changes.newSalesOrderIds().size()).isPositive();
        assertThat(present(deployment.warehouse(), WarehouseCatalogue.FACT_PAYMENT, changes.newPaymentIds()))
                .as("the day's new payments").isEqualTo(changes.newPaymentIds().size()).isPositive();
        assertTablesEqual(deployment.contents(), deployment.expectedAfter(2));
        assertThat(inferredRows(deployment.warehouse())).as("facts naming a row still in a backfill range")
                .isPositive();

        int rest = deployment.cycleUntilCaughtUp();

        assertThat(rest).as("the rest of the chain").isGreaterThanOrEqualTo(5);
        assertTablesEqual(deployment.contents(), deployment.expected());
        assertThat(inferredRows(deployment.warehouse())).as("every inferred row filled").isZero();
    }

    /** How many of {@code ids} the fact table holds a row of. */
    private static long present(DataSource warehouse, WarehouseTable fact, List<Integer> ids) throws SQLException {
        try (Connection connection = warehouse.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(DISTINCT "
                     + Identifiers.quote(fact.sourceIdColumn()) + ") FROM " + fact.quotedName() + " WHERE "
                     + Identifiers.quote(fact.sourceIdColumn()) + " = ANY (?)")) {
            Array array = connection.createArrayOf("integer", ids.toArray());
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Dimension rows the warehouse holds as inferred: keys facts named before the row itself arrived. */
    private static long inferredRows(DataSource warehouse) throws SQLException {
        long inferred = 0;
        try (Connection connection = warehouse.getConnection(); Statement statement = connection.createStatement()) {
            for (WarehouseTable dimension : WarehouseCatalogue.starSchema()) {
                if (!dimension.takesInferredRows()) {
                    continue;
                }
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + dimension.quotedName()
                        + " WHERE " + Identifiers.quote(WarehouseTable.IS_INFERRED))) {
                    rows.next();
                    inferred += rows.getLong(1);
                }
            }
        }
        return inferred;
    }
}
