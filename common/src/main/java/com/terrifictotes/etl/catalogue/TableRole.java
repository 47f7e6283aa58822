package com.terrifictotes.etl.catalogue;

/** How the loader treats a warehouse table. */
public enum TableRole {
    /** Latest values only, keyed by the source's natural id: upserted. */
    DIMENSION,
    /** Full history: every source row version is one row with a warehouse-assigned surrogate key: appended. */
    FACT
}
