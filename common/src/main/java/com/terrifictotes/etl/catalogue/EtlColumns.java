package com.terrifictotes.etl.catalogue;

/**
 * The column names of the tables the pipeline writes itself ({@code etl_rejected_row}, {@code etl_deleted_row}), for
 * the catalogue's declarations and for the code that builds, reads and logs their rows: one spelling of each.
 */
public final class EtlColumns {
    /** etl_rejected_row: the batch that met the value. */
    public static final String REJECTED_IN_BATCH = "rejected_in_batch";
    /** Both tables: the ToteSys table of the row. Also the log key that names it. */
    public static final String SOURCE_TABLE = "source_table";
    /** Both tables: the row's key. Also the log key that names it. */
    public static final String SOURCE_ID = "source_id";
    /** etl_rejected_row: the source column at fault. */
    public static final String COLUMN_NAME = "column_name";
    /** etl_rejected_row: the stage that set the version aside. */
    public static final String STAGE = "stage";
    /** etl_rejected_row: why. Also the log key of an operator's reason. */
    public static final String REASON = "reason";
    /** etl_rejected_row: the value at fault, cut to a sane length. */
    public static final String VALUE = "value";
    /** etl_rejected_row: the batch that delivered an accepted version of the same key. */
    public static final String SUPERSEDED_IN_BATCH = "superseded_in_batch";
    /** etl_rejected_row: that accepted version's last_updated. */
    public static final String SUPERSEDED_BY_LAST_UPDATED = "superseded_by_last_updated";
    /** etl_deleted_row: the batch that delivered the finding. */
    public static final String DELETED_IN_BATCH = "deleted_in_batch";
    /** etl_deleted_row: the warehouse table of the row found gone. */
    public static final String WAREHOUSE_TABLE = "warehouse_table";

    private EtlColumns() {
    }
}
