-- Schema version 4 (WarehouseCatalogue.SCHEMA_VERSION): the source rows the reconciliation pass found gone.
--
-- Deletes never reach an incremental extraction: a deleted row simply stops appearing. The reconciliation pass
-- compares the source with the warehouse and publishes what is gone as an ordinary batch; its etl_deleted_row file
-- holds one row per warehouse row found gone. Loading it logs the finding here and sets deleted_at (added by V2) on
-- the dimension row, or on every version of the fact row that has none yet: history is never deleted, dimension rows
-- stay for the facts that reference them, and the fact_*_current views leave the row out. A later batch that delivers
-- the key again clears deleted_at on what it delivers (dimension upsert, fact version), and this log keeps the finding.
CREATE TABLE etl_deleted_row (
    deleted_in_batch integer      NOT NULL,  -- the reconciliation batch (ledger sequence) that found the row gone
    warehouse_table  text         NOT NULL,  -- a dimension or fact with deleted_at
    source_table     text         NOT NULL,  -- the ToteSys table whose row is gone
    source_id        integer      NOT NULL,  -- the row's primary key (the dimension's key, the fact's source id)
    deleted_at       timestamp(3) NOT NULL,  -- the source's wall clock when the pass read it (SOURCE_TIME_ZONE)
    PRIMARY KEY (deleted_in_batch, warehouse_table, source_id)
);

CREATE INDEX etl_deleted_row_by_row ON etl_deleted_row (warehouse_table, source_id);

-- The reconciliation pass reads every dimension and fact by key range; a fact's source id leads its version key, so
-- that index serves it. What the warehouse holds as gone is read by key range too.
