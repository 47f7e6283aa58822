-- The ToteSys source database as production has it: a Prisma-managed PostgreSQL schema (see
-- shared/research/totesys.md §1). Integer keys fed by sequences named <table>_<pk>_seq and owned by the key column
-- (what SERIAL gives), created_at defaulting to CURRENT_TIMESTAMP, last_updated with no default and no trigger (the
-- application sets it), text everywhere but currency_code, unique indexes rather than constraints (Prisma's way),
-- and Prisma's own bookkeeping table, which extraction must skip. ToteSysCatalogue describes the same schema; a
-- test compares the two.

CREATE TYPE public."PaymentTypeName" AS ENUM ('SALES_RECEIPT', 'SALES_REFUND', 'PURCHASE_PAYMENT', 'PURCHASE_REFUND');

CREATE TYPE public."TransactionType" AS ENUM ('SALE', 'PURCHASE');

CREATE TABLE public._prisma_migrations (
    id                  character varying(36)  NOT NULL,
    checksum            character varying(64)  NOT NULL,
    finished_at         timestamp with time zone,
    migration_name      character varying(255) NOT NULL,
    logs                text,
    rolled_back_at      timestamp with time zone,
    started_at          timestamp with time zone DEFAULT now() NOT NULL,
    applied_steps_count integer DEFAULT 0 NOT NULL,
    CONSTRAINT _prisma_migrations_pkey PRIMARY KEY (id)
);

CREATE SEQUENCE public.address_address_id_seq AS integer;
CREATE TABLE public.address (
    address_id     integer DEFAULT nextval('public.address_address_id_seq'::regclass) NOT NULL,
    address_line_1 text NOT NULL,
    address_line_2 text,
    district       text,
    city           text NOT NULL,
    postal_code    text NOT NULL,
    country        text NOT NULL,
    phone          text NOT NULL,
    created_at     timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_updated   timestamp(3) without time zone NOT NULL,
    CONSTRAINT address_pkey PRIMARY KEY (address_id)
);
ALTER SEQUENCE public.address_address_id_seq OWNED BY public.address.address_id;

CREATE SEQUENCE public.counterparty_counterparty_id_seq AS integer;
CREATE TABLE public.counterparty (
    counterparty_id         integer DEFAULT nextval('public.counterparty_counterparty_id_seq'::regclass) NOT NULL,
    counterparty_legal_name text NOT NULL,
    legal_address_id        integer NOT NULL,
    commercial_contact      text,
    delivery_contact        text,
    created_at              timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_updated            timestamp(3) without time zone NOT NULL,
    CONSTRAINT counterparty_pkey PRIMARY KEY (counterparty_id)
);
ALTER SEQUENCE public.counterparty_counterparty_id_seq OWNED BY public.counterparty.counterparty_id;

CREATE SEQUENCE public.currency_currency_id_seq AS integer;
CREATE TABLE public.currency (
    currency_id   integer DEFAULT nextval('public.currency_currency_id_seq'::regclass) NOT NULL,
    currency_code character varying(3) NOT NULL,
    created_at    timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_updated  timestamp(3) without time zone NOT NULL,
    CONSTRAINT currency_pkey PRIMARY KEY (currency_id)
);
ALTER SEQUENCE public.currency_currency_id_seq OWNED BY public.currency.currency_id;

CREATE SEQUENCE public.department_department_id_seq AS integer;
CREATE TABLE public.department (
    department_id   integer DEFAULT nextval('public.department_department_id_seq'::regclass) NOT NULL,
    department_name text NOT NULL,
    location        text,
    manager         text,
    created_at      timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_updated    timestamp(3) without time zone NOT NULL,
    CONSTRAINT department_pkey PRIMARY KEY (department_id)
);
ALTER SEQUENCE public.department_department_id_seq OWNED BY public.department.department_id;

-- Note production's column order: created_at comes second here.
CREATE SEQUENCE public.design_design_id_seq AS integer;
CREATE TABLE public.design (
    design_id     integer DEFAULT nextval('public.design_design_id_seq'::regclass) NOT NULL,
    created_at    timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    design_name   text NOT NULL,
    file_location text NOT NULL,
    file_name     text NOT NULL,
    last_updated  timestamp(3) without time zone NOT NULL,
    CONSTRAINT design_pkey PRIMARY KEY (design_id)
);
ALTER SEQUENCE public.design_design_id_seq OWNED BY public.design.design_id;

CREATE SEQUENCE public.staff_staff_id_seq AS integer;
CREATE TABLE public.staff (
    staff_id      integer DEFAULT nextval('public.staff_staff_id_seq'::regclass) NOT NULL,
    first_name    text NOT NULL,
    last_name     text NOT NULL,
    department_id integer NOT NULL,
    email_address text NOT NULL,
    created_at    timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_updated  timestamp(3) without time zone NOT NULL,
    CONSTRAINT staff_pkey PRIMARY KEY (staff_id)
);
ALTER SEQUENCE public.staff_staff_id_seq OWNED BY public.staff.staff_id;

CREATE SEQUENCE public.sales_order_sales_order_id_seq AS integer;
CREATE TABLE public.sales_order (
    sales_order_id              integer DEFAULT nextval('public.sales_order_sales_order_id_seq'::regclass) NOT NULL,
    created_at                  timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_updated                timestamp(3) without time zone NOT NULL,
    design_id                   integer NOT NULL,
    staff_id                    integer NOT NULL,
    counterparty_id             integer NOT NULL,
    units_sold                  integer NOT NULL,
    unit_price                  numeric(10,2) NOT NULL,
    currency_id                 integer NOT NULL,
    agreed_delivery_date        text NOT NULL,
    agreed_payment_date         text NOT NULL,
    agreed_delivery_location_id integer NOT NULL,
    CONSTRAINT sales_order_pkey PRIMARY KEY (sales_order_id)
);
ALTER SEQUENCE public.sales_order_sales_order_id_seq OWNED BY public.sales_order.sales_order_id;

CREATE SEQUENCE public.purchase_order_purchase_order_id_seq AS integer;
CREATE TABLE public.purchase_order (
    purchase_order_id           integer DEFAULT nextval('public.purchase_order_purchase_order_id_seq'::regclass) NOT NULL,
    created_at                  timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_updated                timestamp(3) without time zone NOT NULL,
    staff_id                    integer NOT NULL,
    counterparty_id             integer NOT NULL,
    item_code                   text NOT NULL,
    item_quantity               integer NOT NULL,
    item_unit_price             numeric(10,2) NOT NULL,
    currency_id                 integer NOT NULL,
    agreed_delivery_date        text NOT NULL,
    agreed_payment_date         text NOT NULL,
    agreed_delivery_location_id integer NOT NULL,
    CONSTRAINT purchase_order_pkey PRIMARY KEY (purchase_order_id)
);
ALTER SEQUENCE public.purchase_order_purchase_order_id_seq OWNED BY public.purchase_order.purchase_order_id;

CREATE SEQUENCE public.payment_type_payment_type_id_seq AS integer;
CREATE TABLE public.payment_type (
    payment_type_id   integer DEFAULT nextval('public.payment_type_payment_type_id_seq'::regclass) NOT NULL,
    payment_type_name public."PaymentTypeName" NOT NULL,
    created_at        timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_updated      timestamp(3) without time zone NOT NULL,
    CONSTRAINT payment_type_pkey PRIMARY KEY (payment_type_id)
);
ALTER SEQUENCE public.payment_type_payment_type_id_seq OWNED BY public.payment_type.payment_type_id;

CREATE SEQUENCE public.transaction_transaction_id_seq AS integer;
CREATE TABLE public.transaction (
    transaction_id    integer DEFAULT nextval('public.transaction_transaction_id_seq'::regclass) NOT NULL,
    transaction_type  public."TransactionType" NOT NULL,
    sales_order_id    integer,
    purchase_order_id integer,
    created_at        timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_updated      timestamp(3) without time zone NOT NULL,
    CONSTRAINT transaction_pkey PRIMARY KEY (transaction_id)
);
ALTER SEQUENCE public.transaction_transaction_id_seq OWNED BY public.transaction.transaction_id;

CREATE SEQUENCE public.payment_payment_id_seq AS integer;
CREATE TABLE public.payment (
    payment_id             integer DEFAULT nextval('public.payment_payment_id_seq'::regclass) NOT NULL,
    created_at             timestamp(3) without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_updated           timestamp(3) without time zone NOT NULL,
    transaction_id         integer NOT NULL,
    counterparty_id        integer NOT NULL,
    payment_amount         numeric(10,2) NOT NULL,
    currency_id            integer NOT NULL,
    payment_type_id        integer NOT NULL,
    paid                   boolean NOT NULL,
    payment_date           text NOT NULL,
    company_ac_number      integer NOT NULL,
    counterparty_ac_number integer NOT NULL,
    CONSTRAINT payment_pkey PRIMARY KEY (payment_id)
);
ALTER SEQUENCE public.payment_payment_id_seq OWNED BY public.payment.payment_id;

CREATE UNIQUE INDEX payment_transaction_id_key ON public.payment USING btree (transaction_id);
CREATE UNIQUE INDEX transaction_purchase_order_id_key ON public.transaction USING btree (purchase_order_id);
CREATE UNIQUE INDEX transaction_sales_order_id_key ON public.transaction USING btree (sales_order_id);

ALTER TABLE public.counterparty ADD CONSTRAINT counterparty_legal_address_id_fkey
    FOREIGN KEY (legal_address_id) REFERENCES public.address (address_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.staff ADD CONSTRAINT staff_department_id_fkey
    FOREIGN KEY (department_id) REFERENCES public.department (department_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.sales_order ADD CONSTRAINT sales_order_design_id_fkey
    FOREIGN KEY (design_id) REFERENCES public.design (design_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.sales_order ADD CONSTRAINT sales_order_staff_id_fkey
    FOREIGN KEY (staff_id) REFERENCES public.staff (staff_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.sales_order ADD CONSTRAINT sales_order_counterparty_id_fkey
    FOREIGN KEY (counterparty_id) REFERENCES public.counterparty (counterparty_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.sales_order ADD CONSTRAINT sales_order_currency_id_fkey
    FOREIGN KEY (currency_id) REFERENCES public.currency (currency_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.sales_order ADD CONSTRAINT sales_order_agreed_delivery_location_id_fkey
    FOREIGN KEY (agreed_delivery_location_id) REFERENCES public.address (address_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.purchase_order ADD CONSTRAINT purchase_order_staff_id_fkey
    FOREIGN KEY (staff_id) REFERENCES public.staff (staff_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.purchase_order ADD CONSTRAINT purchase_order_counterparty_id_fkey
    FOREIGN KEY (counterparty_id) REFERENCES public.counterparty (counterparty_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.purchase_order ADD CONSTRAINT purchase_order_currency_id_fkey
    FOREIGN KEY (currency_id) REFERENCES public.currency (currency_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.purchase_order ADD CONSTRAINT purchase_order_agreed_delivery_location_id_fkey
    FOREIGN KEY (agreed_delivery_location_id) REFERENCES public.address (address_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.transaction ADD CONSTRAINT transaction_sales_order_id_fkey
    FOREIGN KEY (sales_order_id) REFERENCES public.sales_order (sales_order_id) ON UPDATE CASCADE ON DELETE SET NULL;
ALTER TABLE public.transaction ADD CONSTRAINT transaction_purchase_order_id_fkey
    FOREIGN KEY (purchase_order_id) REFERENCES public.purchase_order (purchase_order_id) ON UPDATE CASCADE ON DELETE SET NULL;
ALTER TABLE public.payment ADD CONSTRAINT payment_transaction_id_fkey
    FOREIGN KEY (transaction_id) REFERENCES public.transaction (transaction_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.payment ADD CONSTRAINT payment_counterparty_id_fkey
    FOREIGN KEY (counterparty_id) REFERENCES public.counterparty (counterparty_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.payment ADD CONSTRAINT payment_currency_id_fkey
    FOREIGN KEY (currency_id) REFERENCES public.currency (currency_id) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE public.payment ADD CONSTRAINT payment_payment_type_id_fkey
    FOREIGN KEY (payment_type_id) REFERENCES public.payment_type (payment_type_id) ON UPDATE CASCADE ON DELETE RESTRICT;

-- Prisma records each applied migration; production has its initial migration here.
INSERT INTO public._prisma_migrations
    (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
VALUES ('5b1f2c3e-8d4a-4f6b-9c2e-7a1d0e3f4b5c',
        '9f2d6c1e4b7a8d3f0e5c2b9a6d4f1e8c7b3a0d5e2f9c6b4a1d8e7f3c0b5a2d9e',
        '2022-11-03 14:20:49.412+00', '20221103142049_init', NULL, NULL, '2022-11-03 14:20:49.388+00', 1);
