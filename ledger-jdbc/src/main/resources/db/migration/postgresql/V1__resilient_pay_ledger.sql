-- resilient-pay payment ledger, row format 1. PostgreSQL 12 or later.
-- Copy into your migrations as is, or let JdbcPaymentLedger.createSchemaIfMissing() run it.
-- Times are the database's (timestamptz); ids compare byte-wise (COLLATE "C"), as the library does.
CREATE TABLE IF NOT EXISTS resilient_pay_ledger (
    provider       VARCHAR(32)  COLLATE "C" NOT NULL,
    merchant       VARCHAR(64)  COLLATE "C" NOT NULL,
    id             VARCHAR(160) COLLATE "C" NOT NULL,
    order_id       VARCHAR(64)  NOT NULL,
    refund_id      VARCHAR(64),
    kind           VARCHAR(8)   NOT NULL,
    fingerprint    VARCHAR(128) NOT NULL,
    request        TEXT         NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    outcome        TEXT,
    attempts       INTEGER      NOT NULL,
    started_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    owner          VARCHAR(100),
    lease_until    TIMESTAMP(6) WITH TIME ZONE,
    version        BIGINT       NOT NULL,
    format_version SMALLINT     NOT NULL,
    CONSTRAINT resilient_pay_ledger_pkey PRIMARY KEY (provider, merchant, id)
);
-- recover(): unresolved entries whose lease ran out
CREATE INDEX IF NOT EXISTS resilient_pay_ledger_unresolved ON resilient_pay_ledger (state, lease_until);
-- reconciliation: one merchant's entries by start time
CREATE INDEX IF NOT EXISTS resilient_pay_ledger_scan ON resilient_pay_ledger (provider, merchant, started_at);
-- retention: completed entries by last change
CREATE INDEX IF NOT EXISTS resilient_pay_ledger_purge ON resilient_pay_ledger (state, updated_at);
