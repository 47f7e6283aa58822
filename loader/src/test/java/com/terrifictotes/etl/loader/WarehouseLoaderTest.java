package com.terrifictotes.etl.loader;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource;
import com.terrifictotes.etl.testbed.servers.Database;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The loader against a real PostgreSQL warehouse and S3 server, fed batches computed from a generated ToteSys
 * database with SQL ({@link WarehouseFromSource}); every expectation is that SQL's result, never the loader's.
 */
class WarehouseLoaderTest {
    private static final TestBed BED = TestBed.shared();

    private final SourceHistory history = SourceHistory.shared();
    private final Database warehouse = BED.createEmptyDatabase(); // the loader migrates it
    private final ProcessedBatchWriter batches = new ProcessedBatchWriter(BED.s3(), BED.createBucket("processed"));

    @Test
    void firstLoadMakesEveryTableEqualToItsComputationFromTheSource() {
        batches.write(1, history.first);

        LoadReport report = loader().loadPending();

        assertTablesEqual(WarehouseContents.of(dataSource()), WarehouseContents.expected(List.of(history.first)));
        assertThat(report.upToDate()).isTrue();
        assertThat(report.applied()).singleElement().satisfies(batch -> {
            assertThat(batch.sequence()).isEqualTo(1);
            for (TableCounts counts : batch.tables()) {
                int rows = history.first.rows(WarehouseCatalogue.table(counts.table())).texts().size();
                assertThat(counts).as(counts.table()).extracting(TableCounts::staged, TableCounts::inserted,
                        TableCounts::updated, TableCounts::unchanged).containsExactly((long) rows, (long) rows, 0L, 0L);
            }
        });
        assertThat(WarehouseContents.query(dataSource(), "SELECT manifest_key, sequence,"
                + " table_counts->'fact_payment'->>'inserted' FROM load_ledger"))
                .containsExactly(WarehouseFromSource.TableRows.textRow(new String[] {
                        "manifests/processed-000000000001.json", "1",
                        Integer.toString(history.first.rows(WarehouseCatalogue.FACT_PAYMENT).texts().size())}));
    }

    @Test
    void secondBatchKeepsFactHistoryAndRewritesOnlyTheDimensionRowsThatChanged() {
        batches.write(1, history.first);
        loader().loadPending();
        Map<WarehouseTable, Map<String, String>> rowVersionsBefore = dimensionRowVersions();
        batches.write(2, history.second);

        AppliedBatch second = loader().loadPending().applied().get(0);

        assertTablesEqual(WarehouseContents.of(dataSource()), WarehouseContents.expected(history.both()));
        assertOnlyChangedDimensionRowsWereRewritten(second, rowVersionsBefore, dimensionRowVersions());
        assertThat(counts(second, WarehouseCatalogue.DIM_STAFF).updated()).isPositive();
        assertThat(counts(second, WarehouseCatalogue.DIM_COUNTERPARTY).updated()).isPositive();
        assertNewFactVersionsWereAppendedAndAreCurrent(second);
    }

    /** Per dimension: changed rows got a new row version (xmin), identical rows kept theirs; the counts agree. */
    private void assertOnlyChangedDimensionRowsWereRewritten(AppliedBatch second,
            Map<WarehouseTable, Map<String, String>> xminBefore, Map<WarehouseTable, Map<String, String>> xminAfter) {
        for (WarehouseTable dimension : WarehouseCatalogue.dimensions()) {
            Map<String, String> before = byKey(history.first.rows(dimension).texts());
            Map<String, String> after = byKey(history.second.rows(dimension).texts());
            Set<String> changed = new HashSet<>();
            after.forEach((key, row) -> {
                if (before.containsKey(key) && !before.get(key).equals(row)) {
                    changed.add(key);
                }
            });
            long added = after.keySet().stream().filter(k -> !before.containsKey(k)).count();
            before.keySet().forEach(key -> assertThat(xminAfter.get(dimension).get(key))
                    .as("xmin of %s %s", dimension.name(), key)
                    .matches(xmin -> changed.contains(key) != xmin.equals(xminBefore.get(dimension).get(key))));
            assertThat(counts(second, dimension)).as(dimension.name())
                    .extracting(TableCounts::inserted, TableCounts::updated, TableCounts::unchanged)
                    .containsExactly(added, (long) changed.size(), (long) after.size() - added - changed.size());
        }
    }

    /** Per fact: versions new in the source were appended, the rest skipped; the current view is the source now. */
    private void assertNewFactVersionsWereAppendedAndAreCurrent(AppliedBatch second) {
        long appended = 0;
        for (WarehouseTable fact : WarehouseCatalogue.facts()) {
            Set<String> known = new HashSet<>(history.first.rows(fact).texts());
            long newVersions = history.second.rows(fact).texts().stream().filter(v -> !known.contains(v)).count();
            assertThat(counts(second, fact)).as(fact.name())
                    .extracting(TableCounts::inserted, TableCounts::unchanged)
                    .containsExactly(newVersions, history.second.rows(fact).texts().size() - newVersions);
            assertThat(sorted(WarehouseContents.query(dataSource(), "SELECT " + fact.loadColumnList() + " FROM "
                    + fact.currentViewName()))).as("current view of " + fact.name())
                    .isEqualTo(sorted(history.second.rows(fact).texts()));
            appended += newVersions;
        }
        assertThat(appended).as("new fact versions in the second batch").isPositive();
    }

    @Test
    void concurrentLoadersApplyEachManifestExactlyOnce() throws Exception {
        SourceHistory sample = SourceHistory.sampled();
        batches.write(1, sample.first);
        batches.write(2, sample.second);
        int loaders = 4;
        ExecutorService pool = Executors.newFixedThreadPool(loaders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LoadReport>> reports = new ArrayList<>();
        try {
            for (int i = 0; i < loaders; i++) {
                WarehouseLoader loader = loader();
                reports.add(pool.submit(() -> {
                    start.await();
                    return loader.loadPending();
                }));
            }
            start.countDown();
            List<Long> applied = new ArrayList<>();
            for (Future<LoadReport> report : reports) {
                report.get().applied().forEach(b -> applied.add(b.sequence()));
            }
            assertThat(applied).containsExactlyInAnyOrder(1L, 2L);
        } finally {
            pool.shutdownNow();
        }
        WarehouseContents contents = WarehouseContents.of(dataSource());
        assertTablesEqual(contents, WarehouseContents.expected(sample.both()));
        assertThat(contents.ledger()).hasSize(2);
    }

    @Test
    void anEmptyBucketLeavesAnEmptyWarehouseUpToDate() {
        LoadReport report = loader().loadPending();

        assertThat(report.applied()).isEmpty();
        assertThat(report.upToDate()).isTrue();
        assertThat(WarehouseContents.of(dataSource()).tables().values()).allMatch(List::isEmpty);
    }

    private WarehouseLoader loader() {
        return new WarehouseLoader(BED.s3(), batches.bucketName(), dataSource());
    }

    private DataSource dataSource() {
        return warehouse.dataSource();
    }

    static void assertTablesEqual(WarehouseContents actual, Map<String, List<String>> expected) {
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            if (WarehouseCatalogue.starSchema().contains(table)) {
                assertThat(expected.get(table.name())).as("expected rows of " + table.name()).isNotEmpty();
            }
            assertThat(actual.tables().get(table.name())).as(table.name()).isEqualTo(expected.get(table.name()));
        }
    }

    private Map<WarehouseTable, Map<String, String>> dimensionRowVersions() {
        Map<WarehouseTable, Map<String, String>> versions = new HashMap<>();
        for (WarehouseTable dimension : WarehouseCatalogue.dimensions()) {
            String key = dimension.column(dimension.primaryKey().get(0)).quotedName();
            versions.put(dimension, byKey(WarehouseContents.query(dataSource(),
                    "SELECT " + key + ", xmin::text FROM " + dimension.quotedName())));
        }
        return versions;
    }

    /** Text rows by their first column; for the xmin query the value is the rest of the row. */
    private static Map<String, String> byKey(List<String> rows) {
        Map<String, String> map = new HashMap<>();
        rows.forEach(row -> map.put(WarehouseFromSource.TableRows.key(row), row.substring(
                Math.min(row.length(), WarehouseFromSource.TableRows.key(row).length() + 1))));
        return map;
    }

    private static TableCounts counts(AppliedBatch batch, WarehouseTable table) {
        return batch.tables().stream().filter(t -> t.table().equals(table.name())).findFirst().orElseThrow();
    }

    private static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        copy.sort(null);
        return copy;
    }
}
