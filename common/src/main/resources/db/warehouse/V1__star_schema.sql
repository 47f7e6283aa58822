-- The warehouse star schema (see WarehouseCatalogue, which a test checks against this file once applied).
-- Dimensions hold the latest values keyed by the source's natural id; facts hold every source row version,
-- keyed by a warehouse-assigned surrogate key, with the version (source id, last_updated) unique.

CREATE TABLE dim_date (
    date_id      date    PRIMARY KEY,
    year         integer NOT NULL,
    month        integer NOT NULL,
    day          integer NOT NULL,
    day_of_week  integer NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),  -- ISO: Monday = 1
    day_name     text    NOT NULL,
    month_name   text    NOT NULL,
    quarter      integer NOT NULL CHECK (quarter BETWEEN 1 AND 4)
);

CREATE TABLE dim_staff (
    staff_id        integer PRIMARY KEY,
    first_name      text NOT NULL,
    last_name       text NOT NULL,
    department_name text NOT NULL,
    location        text,
    email_address   text NOT NULL
);

CREATE TABLE dim_location (
    location_id    integer PRIMARY KEY,
    address_line_1 text NOT NULL,
    address_line_2 text,
    district       text,
    city           text NOT NULL,
    postal_code    text NOT NULL,
    country        text NOT NULL,
    phone          text NOT NULL
);

CREATE TABLE dim_currency (
    currency_id   integer PRIMARY KEY,
    currency_code varchar(3) NOT NULL,
    currency_name text NOT NULL
);

CREATE TABLE dim_design (
    design_id     integer PRIMARY KEY,
    design_name   text NOT NULL,
    file_location text NOT NULL,
    file_name     text NOT NULL
);

CREATE TABLE dim_counterparty (
    counterparty_id                   integer PRIMARY KEY,
    counterparty_legal_name           text NOT NULL,
    counterparty_legal_address_line_1 text NOT NULL,
    counterparty_legal_address_line_2 text,
    counterparty_legal_district       text,
    counterparty_legal_city           text NOT NULL,
    counterparty_legal_postal_code    text NOT NULL,
    counterparty_legal_country        text NOT NULL,
    counterparty_legal_phone_number   text NOT NULL
);

CREATE TABLE dim_payment_type (
    payment_type_id   integer PRIMARY KEY,
    payment_type_name text NOT NULL
);

CREATE TABLE dim_transaction (
    transaction_id    integer PRIMARY KEY,
    transaction_type  text NOT NULL,
    sales_order_id    integer,
    purchase_order_id integer
);

CREATE TABLE fact_sales_order (
    sales_record_id             serial PRIMARY KEY,
    sales_order_id              integer NOT NULL,
    created_date                date    NOT NULL REFERENCES dim_date (date_id),
    created_time                time(3) NOT NULL,
    last_updated_date           date    NOT NULL REFERENCES dim_date (date_id),
    last_updated_time           time(3) NOT NULL,
    sales_staff_id              integer NOT NULL REFERENCES dim_staff (staff_id),
    counterparty_id             integer NOT NULL REFERENCES dim_counterparty (counterparty_id),
    units_sold                  integer NOT NULL,
    unit_price                  numeric(10,2) NOT NULL,
    currency_id                 integer NOT NULL REFERENCES dim_currency (currency_id),
    design_id                   integer NOT NULL REFERENCES dim_design (design_id),
    agreed_payment_date         date    NOT NULL REFERENCES dim_date (date_id),
    agreed_delivery_date        date    NOT NULL REFERENCES dim_date (date_id),
    agreed_delivery_location_id integer NOT NULL REFERENCES dim_location (location_id),
    CONSTRAINT fact_sales_order_version UNIQUE (sales_order_id, last_updated_date, last_updated_time)
);

CREATE TABLE fact_purchase_order (
    purchase_record_id          serial PRIMARY KEY,
    purchase_order_id           integer NOT NULL,
    created_date                date    NOT NULL REFERENCES dim_date (date_id),
    created_time                time(3) NOT NULL,
    last_updated_date           date    NOT NULL REFERENCES dim_date (date_id),
    last_updated_time           time(3) NOT NULL,
    staff_id                    integer NOT NULL REFERENCES dim_staff (staff_id),
    counterparty_id             integer NOT NULL REFERENCES dim_counterparty (counterparty_id),
    item_code                   text    NOT NULL,
    item_quantity               integer NOT NULL,
    item_unit_price             numeric(10,2) NOT NULL,
    currency_id                 integer NOT NULL REFERENCES dim_currency (currency_id),
    agreed_delivery_date        date    NOT NULL REFERENCES dim_date (date_id),
    agreed_payment_date         date    NOT NULL REFERENCES dim_date (date_id),
    agreed_delivery_location_id integer NOT NULL REFERENCES dim_location (location_id),
    CONSTRAINT fact_purchase_order_version UNIQUE (purchase_order_id, last_updated_date, last_updated_time)
);

CREATE TABLE fact_payment (
    payment_record_id serial PRIMARY KEY,
    payment_id        integer NOT NULL,
    created_date      date    NOT NULL REFERENCES dim_date (date_id),
    created_time      time(3) NOT NULL,
    last_updated_date date    NOT NULL REFERENCES dim_date (date_id),
    last_updated_time time(3) NOT NULL,
    transaction_id    integer NOT NULL REFERENCES dim_transaction (transaction_id),
    counterparty_id   integer NOT NULL REFERENCES dim_counterparty (counterparty_id),
    payment_amount    numeric(10,2) NOT NULL,
    currency_id       integer NOT NULL REFERENCES dim_currency (currency_id),
    payment_type_id   integer NOT NULL REFERENCES dim_payment_type (payment_type_id),
    paid              boolean NOT NULL,
    payment_date      date    NOT NULL REFERENCES dim_date (date_id),
    CONSTRAINT fact_payment_version UNIQUE (payment_id, last_updated_date, last_updated_time)
);

-- The current state of each source row: its latest version. The facts themselves keep the full history.
CREATE VIEW fact_sales_order_current AS
    SELECT DISTINCT ON (sales_order_id) *
    FROM fact_sales_order
    ORDER BY sales_order_id, last_updated_date DESC, last_updated_time DESC;

CREATE VIEW fact_purchase_order_current AS
    SELECT DISTINCT ON (purchase_order_id) *
    FROM fact_purchase_order
    ORDER BY purchase_order_id, last_updated_date DESC, last_updated_time DESC;

CREATE VIEW fact_payment_current AS
    SELECT DISTINCT ON (payment_id) *
    FROM fact_payment
    ORDER BY payment_id, last_updated_date DESC, last_updated_time DESC;

-- One row per processed manifest applied, written in the same transaction as its data: the exactly-once ledger.
CREATE TABLE load_ledger (
    manifest_key    text        PRIMARY KEY,
    sequence        bigint      NOT NULL UNIQUE,
    manifest_sha256 text        NOT NULL,
    table_counts    jsonb       NOT NULL,  -- {"table": {"inserted": n, "updated": n, "unchanged": n}}
    loaded_at       timestamptz NOT NULL DEFAULT now()
);
