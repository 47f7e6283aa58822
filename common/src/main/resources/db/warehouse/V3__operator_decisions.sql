-- Schema version 3 (WarehouseCatalogue.SCHEMA_VERSION): what an operator decided, and batches set aside on it.
--
-- * etl_operator_decision: the audit of every operator decision that changes what the pipeline does (today one:
--   `./pipeline quarantine-batch N`, which lets the chain go on past a batch a stage cannot process). Who, when, why,
--   which stage and batch, and the write-once decision object in the processed bucket that the stage itself reads.
--   Rows are only ever inserted.
-- * etl_rejected_row.stage gains 'load': a batch the loader skipped on an operator's decision leaves one row per
--   warehouse table it held (source_table is then the warehouse table, source_id and column_name '*', value the
--   object), which the reconciliation pass re-delivers from the source.
-- * load_ledger.operator_decision: the decision object of a batch recorded without its rows (NULL for a batch loaded).
-- The star schema's tables are unchanged, so processed batches of schema versions 1 to 3 load alike.

CREATE TABLE etl_operator_decision (
    decision_id     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    decided_at      timestamptz NOT NULL DEFAULT now(),
    decided_by      text        NOT NULL,
    action          text        NOT NULL CHECK (action IN ('quarantine-batch')),
    stage           text        NOT NULL CHECK (stage IN ('transform', 'load')),
    sequence        bigint      NOT NULL CHECK (sequence > 0),
    reason          text        NOT NULL CHECK (reason <> ''),
    decision_object text        NOT NULL,  -- s3://bucket/key of the write-once decision the stage reads
    UNIQUE (action, stage, sequence)
);

ALTER TABLE etl_rejected_row
    DROP CONSTRAINT etl_rejected_row_stage_check,
    ADD CONSTRAINT etl_rejected_row_stage_check CHECK (stage IN ('extract', 'transform', 'load'));

ALTER TABLE load_ledger
    ADD COLUMN operator_decision text;  -- s3://... of the decision that set this batch aside; NULL when it loaded
