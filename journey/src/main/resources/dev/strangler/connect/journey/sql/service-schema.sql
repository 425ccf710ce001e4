-- The new Endorsement service's own database. It owns the endorsements the migration plan gives it and keeps a
-- shadow copy of the legacy endorsements (fed by Debezium + the ACL), so it can answer for every policy.

CREATE SCHEMA endorsement;

-- Endorsements the service took in itself (write authority: service). Address changes first.
CREATE TABLE endorsement.endorsement (
    endorsement_id   uuid          PRIMARY KEY,
    policy_number    varchar(12)   NOT NULL,
    product_line     varchar(4)    NOT NULL,
    country          varchar(2)    NOT NULL,
    endorsement_type varchar(8)    NOT NULL,       -- product catalogue code, shared with the plan: ADDR_CHG, VEH_CHG
    effective_date   date          NOT NULL,
    street           varchar(80),
    postal_code      varchar(10),
    city             varchar(40),
    vehicle_vin      varchar(17),
    reason           varchar(400),
    status           varchar(16)   NOT NULL,       -- APPROVED, PENDING
    version          bigint        NOT NULL,       -- aggregate version, carried in every event
    recorded_at      timestamptz   NOT NULL DEFAULT clock_timestamp()
);

-- The transactional outbox, in the layout connect-outbox-source reads (its README): the xid8 column filled by
-- the default is what lets the connector never skip a row; the service never writes it.
CREATE TABLE endorsement.outbox (
    id                 uuid          PRIMARY KEY,
    xid                xid8          NOT NULL DEFAULT pg_current_xact_id(),
    aggregatetype      varchar(255)  NOT NULL,
    aggregateid        varchar(255)  NOT NULL,
    type               varchar(255)  NOT NULL,
    payload            jsonb,
    created_at         timestamptz   NOT NULL DEFAULT clock_timestamp(),
    tracingspancontext varchar(256)
);
CREATE INDEX outbox_position ON endorsement.outbox (xid, id);

-- Wake the outbox connector as soon as a writer commits (poll.notify.channel=endorsement_outbox).
CREATE FUNCTION endorsement.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('endorsement_outbox', TG_TABLE_NAME);
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_notify AFTER INSERT ON endorsement.outbox
    FOR EACH STATEMENT EXECUTE FUNCTION endorsement.outbox_notify();

-- The shadow store: legacy endorsements as domain events describe them (phase 1 onwards), keyed by the legacy
-- version id. Written by the "shadow projection" connector (connect-legacy-sink used as a generic event-to-table
-- projector), which stamps its origin marker column like on any table it writes.
CREATE TABLE endorsement.legacy_endorsement (
    legacy_version_id    bigint        PRIMARY KEY,
    policy_number        varchar(12)   NOT NULL,
    version_number       integer       NOT NULL,
    endorsement_type     varchar(8)    NOT NULL,
    product_line         varchar(4)    NOT NULL,
    country              varchar(2)    NOT NULL,
    effective_date       date          NOT NULL,
    entered_at           timestamp,                    -- legacy entered_ts, at millisecond precision
    approval             varchar(16)   NOT NULL,     -- APPROVED / PENDING (legacy 'Y'/'N')
    category             varchar(16)   NOT NULL,     -- ENDORSEMENT / BILLING_ONLY (legacy bill_only_fl)
    reason_code          varchar(16),                  -- domain reason (RELOCATION, ...), legacy code or NULL
    reason_text          varchar(400),
    corrects_version_id  bigint,
    source_id            varchar(60),
    street               varchar(80),
    postal_code          varchar(10),
    city                 varchar(40),
    vehicle_vin          varchar(17),
    premium_delta        numeric(12, 2),
    deleted              boolean       NOT NULL DEFAULT false,
    strangler_origin     varchar(40)
);
