package com.terrifictotes.etl.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.terrifictotes.etl.error.EtlException;
import com.terrifictotes.etl.testbed.expected.WarehouseContents;
import com.terrifictotes.etl.testbed.expected.WarehouseFromSource.TableRows;
import com.terrifictotes.etl.testbed.faults.Failure;
import com.terrifictotes.etl.testbed.faults.FaultyS3;
import com.terrifictotes.etl.testbed.faults.S3Call;
import com.terrifictotes.etl.testbed.faults.SimulatedCrash;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The assertions every reliability test ends with. */
final class WarehouseVerdict {
    private WarehouseVerdict() {
    }

    /**
     * The stage failed loudly: a crash unwound as the crash, an error surfaced as the pipeline's own exception (whose
     * message the caller checks further).
     */
    static AbstractThrowableAssert<?, ? extends Throwable> assertFailsLoudly(Failure failure, ThrowingCallable stage) {
        AbstractThrowableAssert<?, ? extends Throwable> thrown = assertThatThrownBy(stage);
        return failure == Failure.CRASH ? thrown.isInstanceOf(SimulatedCrash.class)
                : thrown.isInstanceOf(EtlException.class).hasMessageContaining("injected fault");
    }

    /** Row for row what the oracle computes, table by table, and exactly the given batches in the ledger. */
    static void assertHolds(WarehouseContents contents, Map<String, List<String>> expected, long batches) {
        expected.forEach((table, rows) -> assertThat(contents.tables().get(table)).as("rows of %s", table)
                .containsExactlyElementsOf(rows));
        assertThat(contents.ledger()).extracting(TableRows::key)
                .as("sequences in the load ledger").containsExactlyElementsOf(sequences(batches));
    }

    /** Row for row the oracle's warehouse, and hash-equal to the clean run's. */
    static void assertSameAsCleanRun(PipelineRig rig, TwoBatchHistory history) {
        WarehouseContents contents = rig.contents();
        assertHolds(contents, history.expected(), 2);
        assertThat(contents.tablesSha256()).as("SHA-256 of every table, against the clean run's")
                .isEqualTo(history.cleanTablesSha256);
    }

    /**
     * The writer's PUT of {@code key} failed for it and it then looked at what landed (a HEAD of the key follows the
     * PUT). Usually the injected fault made it fail; now and then the test's S3 server gets there first (about one
     * PUT in two hundred under load fails its first attempt although the object was stored), which is the same
     * situation, so either counts.
     */
    static void assertTheWriterSawItsPutFailAndCheckedWhatLanded(FaultyS3 s3, String bucket, String key) {
        List<S3Call> calls = s3.calls();
        int put = calls.indexOf(new S3Call("PutObject", bucket, key));
        assertThat(put).as("the PUT of %s among %s", key, calls).isNotNegative();
        assertThat(calls.subList(put + 1, calls.size())).as("calls after the PUT of %s", key)
                .contains(new S3Call("HeadObject", bucket, key));
    }

    private static List<String> sequences(long batches) {
        return java.util.stream.LongStream.rangeClosed(1, batches).mapToObj(Long::toString).toList();
    }
}
