package com.terrifictotes.etl.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * The quarantine rows that stand for a batch an operator set aside ({@link OperatorDecision}), whichever stage skips
 * it: one per table the batch held rows of, naming how many and the objects that hold them; one naming the manifest
 * instead when even that cannot be read, or when the batch held no rows. The transformer writes them to the lake, the
 * loader to the warehouse, so both stages word them alike.
 */
public final class SkippedBatchRows {
    /** {@code etl_rejected_row.value} is cut to this many characters, as every quarantined value is. */
    public static final int VALUE_LENGTH = 200;

    /**
     * @param table  the table the row stands for (a source table at the transform stage, a warehouse table at the load
     *               stage), or the manifest's name
     * @param reason the decision and what was skipped
     * @param value  the objects that hold the skipped rows, or the manifest's address; cut to {@link #VALUE_LENGTH}
     * @param rows   how many rows of the table were skipped (0 for a row naming the manifest)
     */
    public record Row(String table, String reason, String value, long rows) {
    }

    private final OperatorDecision decision;
    private final String manifestName;
    private final String manifestUri;
    private final List<Row> rows = new ArrayList<>();

    /**
     * @param manifestName how a row standing for the manifest names its table ({@code ingestion_manifest},
     *                     {@code processed_manifest})
     */
    public SkippedBatchRows(OperatorDecision decision, String manifestName, String manifestUri) {
        this.decision = decision;
        this.manifestName = manifestName;
        this.manifestUri = manifestUri;
    }

    /** A table of the batch: a row if it held any rows, naming its objects. */
    public void table(String table, long rowCount, List<String> objectUris) {
        if (rowCount > 0) {
            rows.add(new Row(table, decision.describe() + "; " + rowCount + " rows of this table not "
                    + (transforming() ? "transformed" : "loaded"), cut(String.join(" ", objectUris)), rowCount));
        }
    }

    /** The manifest could not be read: a row naming it and why. */
    public void unreadable(String why) {
        rows.add(new Row(manifestName, decision.describe() + "; the manifest cannot be read: " + why,
                cut(manifestUri), 0));
    }

    /** The rows, in the order given; a single row naming the manifest if the batch held no rows at all. */
    public List<Row> rows() {
        if (rows.isEmpty()) {
            return List.of(new Row(manifestName, decision.describe() + "; the batch "
                    + (transforming() ? "delivered" : "held") + " no rows", cut(manifestUri), 0));
        }
        return List.copyOf(rows);
    }

    private boolean transforming() {
        return OperatorDecision.STAGE_TRANSFORM.equals(decision.stage());
    }

    private static String cut(String value) {
        return value.length() <= VALUE_LENGTH ? value : value.substring(0, VALUE_LENGTH - 3) + "...";
    }
}
