package com.terrifictotes.etl.catalogue;

/** How the loader treats a warehouse table. */
public enum TableRole {
    /** Latest values only, keyed by the source's natural id: upserted. */
    DIMENSION,
    /** Full history: every source row version is one row with a warehouse-assigned surrogate key: appended. */
    FACT,
    /**
     * The row versions a stage could not represent, one row per offending value, keyed by the batch that met it and
     * the value's table, key and column: upserted, so that a later batch can record that the version was superseded.
     */
    QUARANTINE,
    /**
     * The source rows the reconciliation pass found gone, one row per warehouse row, keyed by the batch that found it
     * and the table and key: logged, and each one sets {@code deleted_at} on the row (or fact versions) it names.
     */
    DELETION
}
