-- resilient-pay payment ledger, row format 1. MySQL 8.0 or later, MariaDB 10.6 or later.
-- Copy into your migrations as is, or let JdbcPaymentLedger.createSchemaIfMissing() run it.
-- Times are UTC (DATETIME(6)); ids compare byte-wise (utf8mb4_bin): order ids are case-sensitive.
CREATE TABLE IF NOT EXISTS resilient_pay_ledger (
    provider       VARCHAR(32)  NOT NULL,
    merchant       VARCHAR(64)  NOT NULL,
    id             VARCHAR(160) NOT NULL,
    order_id       VARCHAR(64)  NOT NULL,
    refund_id      VARCHAR(64),
    kind           VARCHAR(8)   NOT NULL,
    fingerprint    VARCHAR(128) NOT NULL,
    request        MEDIUMTEXT   NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    outcome        MEDIUMTEXT,
    attempts       INT          NOT NULL,
    started_at     DATETIME(6)  NOT NULL,
    updated_at     DATETIME(6)  NOT NULL,
    owner          VARCHAR(100),
    lease_until    DATETIME(6),
    version        BIGINT       NOT NULL,
    format_version SMALLINT     NOT NULL,
    PRIMARY KEY (provider, merchant, id),
    -- recover(): unresolved entries whose lease ran out
    INDEX resilient_pay_ledger_unresolved (state, lease_until),
    -- reconciliation: one merchant's entries by start time
    INDEX resilient_pay_ledger_scan (provider, merchant, started_at),
    -- retention: completed entries by last change
    INDEX resilient_pay_ledger_purge (state, updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
