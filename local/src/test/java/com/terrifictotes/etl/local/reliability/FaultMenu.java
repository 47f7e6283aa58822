package com.terrifictotes.etl.local.reliability;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseCatalogue;
import com.terrifictotes.etl.catalogue.WarehouseTable;
import com.terrifictotes.etl.manifest.BucketLayout;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyDataSource;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.servers.TestBed;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Draws one fault for one invocation of a stage, from every kind the kill-point tests exercise one by one: S3 calls
 * failing before or after S3 carried them out, downloads breaking mid-body, source or warehouse connections lost
 * before a statement, during a COPY or after a commit; each as an error or as a crash.
 */
final class FaultMenu {
    private FaultMenu() {
    }

    /**
     * The clients one invocation gets, some of them faulty, and what was injected.
     *
     * @param fired whether the fault happened (a rule may name a call the invocation never makes)
     */
    record Injection(String description, S3Client s3, DataSource toteSys, DataSource warehouse,
                     BooleanSupplier fired) {
        static Injection none(DataSource toteSys, DataSource warehouse) {
            return new Injection("none", TestBed.shared().s3(), toteSys, warehouse, () -> false);
        }

        boolean healthy() {
            return description.equals("none");
        }

        @Override
        public String toString() {
            return healthy() ? "no fault" : description + (fired.getAsBoolean() ? "" : ", did not fire");
        }
    }

    private record Choice(String name, BiFunction<Random, Failure, Object> fault) {
    }

    static Injection extractor(Random random, PipelineRig rig, DataSource toteSys) {
        SourceTable table = pick(random, ToteSysCatalogue.TABLES);
        List<Choice> menu = List.of(
                new Choice("CSV part written", (r, f) -> s3().failBefore(1 + r.nextInt(4),
                        S3Call.creates(rig.ingestionBucket, BucketLayout.DATA_PREFIX), f)),
                new Choice("manifest not written", (r, f) -> s3().failBefore(1,
                        S3Call.creates(rig.ingestionBucket, BucketLayout.MANIFEST_PREFIX), f)),
                new Choice("manifest written, answer lost", (r, f) -> s3().failAfter(1,
                        S3Call.creates(rig.ingestionBucket, BucketLayout.MANIFEST_PREFIX), f)),
                new Choice("source lost reading " + table.name(), (r, f) -> new FaultyDataSource(toteSys)
                        .failStatement(1, sql -> sql.contains("FROM " + table.quotedName()), f)));
        return draw(random, menu, toteSys, rig.warehouse.dataSource());
    }

    static Injection transformer(Random random, PipelineRig rig, DataSource toteSys) {
        List<Choice> menu = List.of(
                new Choice("Parquet part written", (r, f) -> s3().failBefore(1 + r.nextInt(8),
                        S3Call.creates(rig.processedBucket, BucketLayout.TABLES_PREFIX), f)),
                new Choice("state snapshot written", (r, f) -> s3().failBefore(1 + r.nextInt(3),
                        S3Call.creates(rig.processedBucket, BucketLayout.STATE_PREFIX), f)),
                new Choice("processed manifest not written", (r, f) -> s3().failBefore(1,
                        S3Call.creates(rig.processedBucket, BucketLayout.MANIFEST_PREFIX), f)),
                new Choice("processed manifest written, answer lost", (r, f) -> s3().failAfter(1,
                        S3Call.creates(rig.processedBucket, BucketLayout.MANIFEST_PREFIX), f)),
                new Choice("CSV download broken", (r, f) -> s3().breakDownload(1 + r.nextInt(3),
                        S3Call.reads(rig.ingestionBucket, BucketLayout.DATA_PREFIX), 1 + r.nextInt(150))));
        return draw(random, menu, toteSys, rig.warehouse.dataSource());
    }

    static Injection loader(Random random, PipelineRig rig, DataSource toteSys) {
        WarehouseTable table = pick(random, WarehouseCatalogue.starSchema());
        DataSource warehouse = rig.warehouse.dataSource();
        List<Choice> menu = List.of(
                new Choice("warehouse lost merging " + table.name(), (r, f) -> new FaultyDataSource(warehouse)
                        .failStatement(1, sql -> sql.contains("INSERT INTO " + table.quotedName()), f)),
                new Choice("COPY into " + table.name() + " cut", (r, f) -> new FaultyDataSource(warehouse)
                        .failCopy(1, sql -> sql.startsWith("COPY \"stage_" + table.name() + "\"")
                                || sql.startsWith("COPY " + table.quotedName()), 1 + r.nextInt(1_000), f)),
                new Choice("commit reached the server, answer lost", (r, f) -> new FaultyDataSource(warehouse)
                        .failAfterCommit(1, sql -> sql.startsWith("INSERT INTO load_ledger"), f)),
                new Choice("migration of " + table.name() + " failed", (r, f) -> new FaultyDataSource(warehouse)
                        .failStatement(1, sql -> sql.contains("CREATE TABLE") && sql.contains(table.name()), f)),
                new Choice("Parquet download broken", (r, f) -> s3().breakDownload(1 + r.nextInt(4),
                        S3Call.reads(rig.processedBucket, BucketLayout.TABLES_PREFIX), 1 + r.nextInt(300))));
        return draw(random, menu, toteSys, warehouse);
    }

    private static Injection draw(Random random, List<Choice> menu, DataSource toteSys, DataSource warehouse) {
        Choice choice = pick(random, menu);
        Failure failure = random.nextBoolean() ? Failure.ERROR : Failure.CRASH;
        Object fault = choice.fault.apply(random, failure);
        String description = choice.name + (choice.name.contains("download") ? "" : " (" + failure + ")");
        if (fault instanceof FaultyS3 s3) {
            return new Injection(description, s3.client(), toteSys, warehouse, s3::allFired);
        }
        FaultyDataSource database = (FaultyDataSource) fault;
        boolean source = choice.name.startsWith("source");
        return new Injection(description, TestBed.shared().s3(), source ? database : toteSys,
                source ? warehouse : database, database::allFired);
    }

    private static FaultyS3 s3() {
        return FaultyS3.on(TestBed.shared());
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
