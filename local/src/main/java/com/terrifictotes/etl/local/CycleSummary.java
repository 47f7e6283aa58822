package com.terrifictotes.etl.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.ManifestJson;
import com.terrifictotes.etl.manifest.ProcessedManifest;
import com.terrifictotes.etl.manifest.Reconciliation;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.manifest.TableOutput;
import com.terrifictotes.etl.s3.WriteOnceBucket;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints what a cycle did, read from what it committed (not from the handlers' say-so): the ingestion manifests it
 * published (rows per source table), the processed manifests (rows per warehouse table, row versions quarantined)
 * and the load ledger (rows inserted, updated, unchanged per table, dimension rows inferred), with the time each
 * stage took.
 */
final class CycleSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineServices services;
    private final Console console;

    CycleSummary(PipelineServices services, Console console) {
        this.services = services;
        this.console = console;
    }

    void print(String title, CycleReport cycle, StageLogs logs) {
        console.line("");
        console.line("%s: extract %s, transform %s, load %s (%d handler invocations)", title,
                Console.seconds(cycle.elapsed(StageRun.Stage.EXTRACT)),
                Console.seconds(cycle.elapsed(StageRun.Stage.TRANSFORM)),
                Console.seconds(cycle.elapsed(StageRun.Stage.LOAD)), cycle.runs().size());
        printChain(cycle);
        if (triggers(cycle, StageRun.Stage.TRANSFORM).isEmpty()) {
            console.line("  nothing new in ToteSys: no files written, nothing triggered");
            return;
        }
        List<IngestionManifest> reconciliations = printExtracted(triggers(cycle, StageRun.Stage.TRANSFORM), logs);
        printTransformedAndLoaded(triggers(cycle, StageRun.Stage.LOAD), logs);
        printReconciled(reconciliations);
    }

    /** How many extractor runs the chain took, and whether it caught up or stopped at its bound. */
    private void printChain(CycleReport cycle) {
        long published = triggers(cycle, StageRun.Stage.TRANSFORM).size();
        if (!cycle.caughtUp()) {
            console.line("  chain: stopped after %d extractor runs (the bound) before catching up with the source;"
                    + " %d batch(es) went through, and the next run goes on from the last of them",
                    cycle.extractorRuns(), published);
        } else if (cycle.extractorRuns() > 1) {
            console.line("  chain: %d extractor runs, each stopped at EXTRACT_MAX_BATCH_ROWS until the last caught up;"
                    + " %d batch(es) extracted, transformed and loaded one by one", cycle.extractorRuns(), published);
        }
    }

    /** @return the reconciliation batches among them */
    private List<IngestionManifest> printExtracted(List<String> ingestionManifestKeys, StageLogs logs) {
        WriteOnceBucket bucket = new WriteOnceBucket(services.s3(), services.ingestionBucket());
        Map<String, Long> rows = new LinkedHashMap<>();
        ToteSysCatalogue.TABLES.forEach(t -> rows.put(t.name(), 0L));
        List<IngestionManifest> reconciliations = new ArrayList<>();
        for (String key : ingestionManifestKeys) {
            IngestionManifest manifest = ManifestJson.readIngestion(bucket.uri(key), bucket.readAllBytes(key));
            for (TableExtract table : manifest.tables()) {
                rows.merge(table.table(), table.rows(), Long::sum);
            }
            if (manifest.isReconciliation()) {
                reconciliations.add(manifest);
            }
        }
        console.line("  extracted to CSV in s3://%s/%s", services.ingestionBucket(), BucketLayout.DATA_PREFIX);
        console.line("    %-20s %10s %8s", "ToteSys table", "rows", "ms");
        rows.forEach((table, n) -> console.line("    %-20s %,10d %8s", table, n,
                millis(logs.millis("table extracted", table))));
        return reconciliations;
    }

    /**
     * The rows the reconciliation batches among the cycle's carried, by kind (their source rows are counted in the
     * extraction table above, their deletions in etl_deleted_row's line).
     */
    private void printReconciled(List<IngestionManifest> reconciliations) {
        Reconciliation.Findings total = reconciliations.stream().map(m -> m.reconciliation().total())
                .reduce(Reconciliation.Findings.NONE, Reconciliation.Findings::plus);
        String batches = reconciliations.stream().map(m -> Long.toString(m.sequence()))
                .collect(java.util.stream.Collectors.joining(", "));
        console.line("  reconciled:  %,d row(s)%s", total.reconciled(), reconciliations.isEmpty() ? ""
                : String.format(" (batch %s: missing %,d, changed %,d, deleted %,d, parents %,d; left alone: in flight"
                        + " %,d, quarantined %,d): what ./pipeline reconcile found the extractions cannot see",
                batches, total.missing(), total.changed(), total.deleted(), total.parents(),
                total.skippedInFlight(), total.quarantined()));
    }

    private void printTransformedAndLoaded(List<String> processedManifestKeys, StageLogs logs) {
        WriteOnceBucket bucket = new WriteOnceBucket(services.s3(), services.processedBucket());
        Map<String, Long> written = new LinkedHashMap<>();
        Map<String, Long> quarantined = new java.util.TreeMap<>();
        for (String key : processedManifestKeys) {
            ProcessedManifest manifest = ManifestJson.readProcessed(bucket.uri(key), bucket.readAllBytes(key));
            for (TableOutput table : manifest.tables()) {
                written.merge(table.table(), table.rows(), Long::sum);
            }
            manifest.quarantined().forEach((table, rows) -> quarantined.merge(table, rows, Long::sum));
        }
        Map<String, long[]> loaded = ledgerCounts(processedManifestKeys);
        console.line("  transformed to Parquet in s3://%s/%s, then loaded into the warehouse",
                services.processedBucket(), BucketLayout.TABLES_PREFIX);
        console.line("    %-20s %10s %8s | %10s %10s %10s %8s", "warehouse table", "written", "ms",
                "inserted", "updated", "unchanged", "ms");
        for (WarehouseTable table : WarehouseCatalogue.TABLES) {
            long[] counts = loaded.getOrDefault(table.name(), new long[4]);
            console.line("    %-20s %,10d %8s | %,10d %,10d %,10d %8s", table.name(),
                    written.getOrDefault(table.name(), 0L), millis(logs.millis("table written", table.name())),
                    counts[0], counts[1], counts[2], millis(logs.millis("table loaded", table.name())));
        }
        Map<String, Long> inferred = new java.util.TreeMap<>();
        loaded.forEach((table, counts) -> {
            if (counts[3] > 0) {
                inferred.put(table, counts[3]);
            }
        });
        console.line("  quarantined: %,d row version(s)%s", total(quarantined), quarantined.isEmpty() ? ""
                : " " + quarantined + ": set aside in etl_rejected_row, the batches went on");
        console.line("  inferred:    %,d dimension row(s)%s", total(inferred), inferred.isEmpty() ? ""
                : " " + inferred + ": keys facts referenced before their rows arrived");
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String millis(long value) {
        return value < 0 ? "-" : String.format("%,d", value);
    }

    private Map<String, long[]> ledgerCounts(List<String> manifestKeys) {
        Map<String, long[]> totals = new LinkedHashMap<>();
        try (Connection connection = services.warehouse().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT table_counts::text FROM load_ledger WHERE manifest_key = ANY (?)")) {
            query.setArray(1, connection.createArrayOf("text", manifestKeys.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    addCounts(totals, JSON.readTree(rows.getString(1)));
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read the load ledger: " + e.getMessage(), e);
        }
        return totals;
    }

    private static void addCounts(Map<String, long[]> totals, JsonNode tableCounts) {
        tableCounts.fields().forEachRemaining(entry -> {
            long[] sum = totals.computeIfAbsent(entry.getKey(), k -> new long[4]);
            sum[0] += entry.getValue().path("inserted").asLong();
            sum[1] += entry.getValue().path("updated").asLong();
            sum[2] += entry.getValue().path("unchanged").asLong();
            sum[3] += entry.getValue().path("inferred").asLong();
        });
    }

    private static List<String> triggers(CycleReport cycle, StageRun.Stage stage) {
        List<String> keys = new ArrayList<>();
        cycle.runs().stream().filter(r -> r.stage() == stage && r.trigger().endsWith(BucketLayout.MANIFEST_SUFFIX))
                .forEach(r -> keys.add(r.trigger()));
        return keys;
    }
}
