package com.terrifictotes.etl.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.terrifictotes.etl.catalogue.SourceTable;
import com.terrifictotes.etl.catalogue.ToteSysCatalogue;
import com.terrifictotes.etl.extractor.ExtractionResult.Outcome;
import com.terrifictotes.etl.manifest.IngestionManifest;
import com.terrifictotes.etl.manifest.RowVersion;
import com.terrifictotes.etl.manifest.TableExtract;
import com.terrifictotes.etl.testbed.source.ToteSysGenerator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #19 on a real database and bucket: a first load far larger than a batch's row limit is published as a chain
 * of bounded batches, each an ordinary batch committed on its own, and the chain delivers exactly what one unbounded
 * batch delivers, version for version.
 */
class ChainedBatchesTest {
    static final long LIMIT = 500;

    @Test
    void aFirstLoadLargerThanABatchIsAChainOfBoundedBatchesThatDeliversWhatOneBatchDoes() {
        ExtractionBed chained = ExtractionBed.create();
        ToteSysGenerator.seed(chained.database.dataSource(), 1, 19);
        ExtractionBed whole = ExtractionBed.copyOf(chained.database);

        List<ExtractionResult> chain = runChain(chained, LIMIT);
        ExtractionResult unbounded = whole.run();

        assertThat(chain).hasSizeGreaterThanOrEqualTo(10);
        assertThat(chain.subList(0, chain.size() - 1)).allSatisfy(r -> assertThat(r.caughtUp()).isFalse());
        assertThat(chain.get(chain.size() - 1).caughtUp()).isTrue();
        assertThat(unbounded.caughtUp()).isTrue();
        assertBounded(chained, LIMIT);
        for (SourceTable table : ToteSysCatalogue.TABLES) {
            Map<RowVersion, Integer> versions = chained.deliveredVersions(table.name());
            assertThat(versions).as(table.name()).isEqualTo(whole.deliveredVersions(table.name()))
                    .containsOnlyKeys(chained.sourceVersions(table.name()));
            assertThat(versions.values()).as(table.name()).containsOnly(1);
            assertThat(sortedByKey(table, chained.deliveredRows(table.name()))).as(table.name())
                    .isEqualTo(chained.sourceRows(table.name()));
        }
        assertThat(chained.run().outcome()).isEqualTo(Outcome.NOTHING_NEW);
    }

    /** Runs the extractor until it says it has caught up; the results in order. */
    static List<ExtractionResult> runChain(ExtractionBed bed, long limit) {
        List<ExtractionResult> chain = new ArrayList<>();
        ExtractionService service = bed.service(bed.settings().withMaxBatchRows(limit));
        do {
            chain.add(service.run());
            assertThat(chain).as("a chain that never catches up").hasSizeLessThan(1_000);
        } while (!chain.get(chain.size() - 1).caughtUp());
        return chain;
    }

    /**
     * Every published batch holds at most {@code limit} rows (delivered or rejected); a batch with a cut table reads
     * nothing of the tables after it (so a row is never delivered before the rows its foreign keys name).
     */
    static void assertBounded(ExtractionBed bed, long limit) {
        for (IngestionManifest manifest : bed.manifests()) {
            long taken = manifest.tables().stream().mapToLong(t -> t.rows() + t.rejects().size()).sum();
            assertThat(taken).as("batch %d", manifest.sequence()).isPositive().isLessThanOrEqualTo(limit);
            boolean cut = false;
            for (TableExtract extract : manifest.tables()) {
                if (cut) {
                    assertThat(extract.rows() + extract.rejects().size()).as("batch %d, %s after a cut",
                            manifest.sequence(), extract.table()).isZero();
                    assertThat(extract.continueAfter()).as("batch %d, %s", manifest.sequence(), extract.table())
                            .isNotNull();
                }
                cut |= extract.isCut();
            }
        }
    }

    static List<Map<String, String>> sortedByKey(SourceTable table, List<Map<String, String>> rows) {
        return rows.stream().sorted(Comparator.comparingInt(row -> Integer.parseInt(row.get(table.primaryKey()))))
                .toList();
    }
}
