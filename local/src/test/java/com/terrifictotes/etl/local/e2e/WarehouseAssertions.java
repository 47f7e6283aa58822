package com.terrifictotes.etl.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.SourceSnapshot;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.TableRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import javax.sql.DataSource;

/** The end-to-end verdicts, each computed from the source with SQL, never from what the pipeline says it did. */
final class WarehouseAssertions {
    private WarehouseAssertions() {
    }

    /**
     * Every star table holds exactly what the source held at the deployment's extractions (dimensions their newest
     * values, facts every version the extractor saw), and the ledger records each published batch once, in order.
     */
    static void assertHoldsEveryExtractedVersion(Deployment deployment) {
        WarehouseContents actual = deployment.contents();
        assertTablesEqual(actual, deployment.expected());
        long published = deployment.keys(deployment.ingestionBucket(), BucketLayout.MANIFEST_PREFIX).size();
        assertThat(actual.ledger()).as("load ledger sequences").extracting(TableRows::key)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, published).mapToObj(Long::toString).toList());
    }

    static void assertTablesEqual(WarehouseContents actual, Map<String, List<String>> expected) {
        for (WarehouseTable table : WarehouseCatalogue.starSchema()) {
            assertThat(expected.get(table.name())).as("expected rows of %s", table.name()).isNotEmpty();
        }
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            assertThat(actual.tables().get(table.name())).as(table.name()).isEqualTo(expected.get(table.name()));
        }
    }

    /** Each fact's {@code _current} view is the source's rows at the latest extraction. */
    static void assertCurrentViewsShowTheLatestExtracted(Deployment deployment) {
        SourceSnapshot latest = deployment.latestExtracted();
        for (WarehouseTable fact : WarehouseCatalogue.facts()) {
            assertThat(sorted(WarehouseContents.query(deployment.warehouse(),
                    "SELECT " + fact.loadColumnList() + " FROM " + fact.currentViewName())))
                    .as("current view of %s", fact.name()).isEqualTo(sorted(latest.rows(fact).texts()));
        }
    }

    /** The single value of a one-row, one-column query. */
    static String value(DataSource dataSource, String sql) {
        List<String> rows = WarehouseContents.query(dataSource, sql);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        copy.sort(null);
        return copy;
    }
}
