-- Schema version 2 (WarehouseCatalogue.SCHEMA_VERSION): what the source may do, made representable.
--
-- * Late-arriving dimensions: a fact may reference a dimension key whose row has not arrived yet. The loader then
--   creates an inferred row (the key, attributes NULL, is_inferred = true) that the real row completes when it comes.
--   So the attributes of the seven source-backed dimensions become nullable, under a CHECK that only an inferred row
--   may lack one. dim_date is derived from the facts that reference it and never needs this.
-- * deleted_at: the reconciliation pass stamps a dimension row or a fact version whose source row is gone. History
--   is never deleted; the fact_*_current views leave such rows out.
-- * etl_batch: the load ledger sequence of the batch that last delivered a fact version (loaded it, or corrected it
--   in place). The fact_*_current views show, per source row, the version the latest batch delivered, so a backdated
--   correction (a current row with an older last_updated than a version already loaded) is current there too.
--   Rows loaded before this migration get 0: their order stays that of last_updated, as before.
-- * etl_rejected_row: every value a stage could not represent, so that one bad row version is set aside, recorded
--   and explained rather than stopping every later batch; a later accepted version of the same key supersedes it.
-- * load_ledger: how many rows each batch inferred and quarantined.

ALTER TABLE dim_staff
    ADD COLUMN is_inferred boolean NOT NULL DEFAULT false,
    ADD COLUMN deleted_at  timestamp(3),
    ALTER COLUMN first_name      DROP NOT NULL,
    ALTER COLUMN last_name       DROP NOT NULL,
    ALTER COLUMN department_name DROP NOT NULL,
    ALTER COLUMN email_address   DROP NOT NULL,
    ADD CONSTRAINT dim_staff_only_inferred_rows_lack_attributes CHECK (is_inferred OR (
        first_name IS NOT NULL AND last_name IS NOT NULL AND department_name IS NOT NULL
        AND email_address IS NOT NULL));

ALTER TABLE dim_location
    ADD COLUMN is_inferred boolean NOT NULL DEFAULT false,
    ADD COLUMN deleted_at  timestamp(3),
    ALTER COLUMN address_line_1 DROP NOT NULL,
    ALTER COLUMN city           DROP NOT NULL,
    ALTER COLUMN postal_code    DROP NOT NULL,
    ALTER COLUMN country        DROP NOT NULL,
    ALTER COLUMN phone          DROP NOT NULL,
    ADD CONSTRAINT dim_location_only_inferred_rows_lack_attributes CHECK (is_inferred OR (
        address_line_1 IS NOT NULL AND city IS NOT NULL AND postal_code IS NOT NULL AND country IS NOT NULL
        AND phone IS NOT NULL));

ALTER TABLE dim_currency
    ADD COLUMN is_inferred boolean NOT NULL DEFAULT false,
    ADD COLUMN deleted_at  timestamp(3),
    ALTER COLUMN currency_code DROP NOT NULL,
    ALTER COLUMN currency_name DROP NOT NULL,
    ADD CONSTRAINT dim_currency_only_inferred_rows_lack_attributes CHECK (is_inferred OR (
        currency_code IS NOT NULL AND currency_name IS NOT NULL));

ALTER TABLE dim_design
    ADD COLUMN is_inferred boolean NOT NULL DEFAULT false,
    ADD COLUMN deleted_at  timestamp(3),
    ALTER COLUMN design_name   DROP NOT NULL,
    ALTER COLUMN file_location DROP NOT NULL,
    ALTER COLUMN file_name     DROP NOT NULL,
    ADD CONSTRAINT dim_design_only_inferred_rows_lack_attributes CHECK (is_inferred OR (
        design_name IS NOT NULL AND file_location IS NOT NULL AND file_name IS NOT NULL));

ALTER TABLE dim_counterparty
    ADD COLUMN is_inferred boolean NOT NULL DEFAULT false,
    ADD COLUMN deleted_at  timestamp(3),
    ALTER COLUMN counterparty_legal_name           DROP NOT NULL,
    ALTER COLUMN counterparty_legal_address_line_1 DROP NOT NULL,
    ALTER COLUMN counterparty_legal_city           DROP NOT NULL,
    ALTER COLUMN counterparty_legal_postal_code    DROP NOT NULL,
    ALTER COLUMN counterparty_legal_country        DROP NOT NULL,
    ALTER COLUMN counterparty_legal_phone_number   DROP NOT NULL,
    ADD CONSTRAINT dim_counterparty_only_inferred_rows_lack_attributes CHECK (is_inferred OR (
        counterparty_legal_name IS NOT NULL AND counterparty_legal_address_line_1 IS NOT NULL
        AND counterparty_legal_city IS NOT NULL AND counterparty_legal_postal_code IS NOT NULL
        AND counterparty_legal_country IS NOT NULL AND counterparty_legal_phone_number IS NOT NULL));

ALTER TABLE dim_payment_type
    ADD COLUMN is_inferred boolean NOT NULL DEFAULT false,
    ADD COLUMN deleted_at  timestamp(3),
    ALTER COLUMN payment_type_name DROP NOT NULL,
    ADD CONSTRAINT dim_payment_type_only_inferred_rows_lack_attributes CHECK (is_inferred OR (
        payment_type_name IS NOT NULL));

ALTER TABLE dim_transaction
    ADD COLUMN is_inferred boolean NOT NULL DEFAULT false,
    ADD COLUMN deleted_at  timestamp(3),
    ALTER COLUMN transaction_type DROP NOT NULL,
    ADD CONSTRAINT dim_transaction_only_inferred_rows_lack_attributes CHECK (is_inferred OR (
        transaction_type IS NOT NULL));

-- etl_batch has no default once the existing rows have their 0: every insert must say which batch it is.
ALTER TABLE fact_sales_order
    ADD COLUMN etl_batch  integer NOT NULL DEFAULT 0,
    ADD COLUMN deleted_at timestamp(3);
ALTER TABLE fact_sales_order ALTER COLUMN etl_batch DROP DEFAULT;

ALTER TABLE fact_purchase_order
    ADD COLUMN etl_batch  integer NOT NULL DEFAULT 0,
    ADD COLUMN deleted_at timestamp(3);
ALTER TABLE fact_purchase_order ALTER COLUMN etl_batch DROP DEFAULT;

ALTER TABLE fact_payment
    ADD COLUMN etl_batch  integer NOT NULL DEFAULT 0,
    ADD COLUMN deleted_at timestamp(3);
ALTER TABLE fact_payment ALTER COLUMN etl_batch DROP DEFAULT;

-- The current state of each source row: the version the latest batch delivered (then the latest stamp), unless the
-- source row is gone. Picked first, filtered after: a deleted latest version never lets an older one show through.
CREATE OR REPLACE VIEW fact_sales_order_current AS
    SELECT * FROM (
        SELECT DISTINCT ON (sales_order_id) *
        FROM fact_sales_order
        ORDER BY sales_order_id, etl_batch DESC, last_updated_date DESC, last_updated_time DESC) latest
    WHERE deleted_at IS NULL;

CREATE OR REPLACE VIEW fact_purchase_order_current AS
    SELECT * FROM (
        SELECT DISTINCT ON (purchase_order_id) *
        FROM fact_purchase_order
        ORDER BY purchase_order_id, etl_batch DESC, last_updated_date DESC, last_updated_time DESC) latest
    WHERE deleted_at IS NULL;

CREATE OR REPLACE VIEW fact_payment_current AS
    SELECT * FROM (
        SELECT DISTINCT ON (payment_id) *
        FROM fact_payment
        ORDER BY payment_id, etl_batch DESC, last_updated_date DESC, last_updated_time DESC) latest
    WHERE deleted_at IS NULL;

-- One row per value a stage could not represent. Its batch's transaction loads it with the good rows; the batch
-- that delivers an accepted version of the same key later fills superseded_in_batch and superseded_by_last_updated.
CREATE TABLE etl_rejected_row (
    rejected_in_batch          integer      NOT NULL,  -- the batch (ledger sequence) whose extraction delivered it
    source_table               text         NOT NULL,  -- a ToteSys table
    source_id                  text         NOT NULL,  -- the row's primary key, as text (whatever it was)
    column_name                text         NOT NULL,  -- the source column holding the value
    last_updated               timestamp(3),           -- the version; NULL if the stamp itself was unreadable
    stage                      text         NOT NULL CHECK (stage IN ('extract', 'transform')),
    reason                     text         NOT NULL,
    value                      text,                   -- the offending value, cut to 200 characters; NULL for a NULL
    superseded_in_batch        integer,                -- the batch that delivered an accepted version of the key
    superseded_by_last_updated timestamp(3),           -- that version's last_updated
    PRIMARY KEY (rejected_in_batch, source_table, source_id, column_name),
    CHECK ((superseded_in_batch IS NULL) = (superseded_by_last_updated IS NULL))
);

CREATE INDEX etl_rejected_row_by_source_row ON etl_rejected_row (source_table, source_id);

ALTER TABLE load_ledger
    ADD COLUMN inferred_rows    integer NOT NULL DEFAULT 0,  -- dimension rows this batch created as inferred
    ADD COLUMN quarantined_rows integer NOT NULL DEFAULT 0,  -- row versions this batch set aside
    ADD COLUMN quarantined      jsonb   NOT NULL DEFAULT '{}'::jsonb;  -- {"source_table": versions set aside}
-- table_counts gains "inferred" per dimension: {"table": {"inserted": n, "updated": n, "unchanged": n, "inferred": n}}
