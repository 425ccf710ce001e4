-- The policy administration monolith's schema, as it is after twenty years: fixed-width codes, 'Y'/'N' flags,
-- denormalised copies for the reporting warehouse, and triggers that fill in what old interfaces never sent.
-- Applied to the legacy database (its own database, e.g. "legacy"). Idempotent only on an empty database.

CREATE SCHEMA polad;

CREATE SEQUENCE polad.pol_seq START 1000;
CREATE SEQUENCE polad.pv_seq START 50000;

CREATE TABLE polad.policy (
    pol_id           bigint       PRIMARY KEY DEFAULT nextval('polad.pol_seq'),
    pol_no           char(12)     NOT NULL UNIQUE,          -- 'DE-A-0001001': always 12 characters
    prod_line_cd     char(4)      NOT NULL,                 -- 'AUTO', 'HOME', 'LIFE'
    ctry_cd          char(2)      NOT NULL,
    region_cd        char(3)      NOT NULL,                 -- sales region; 'SAX' never used reason codes
    holder_nm        varchar(80)  NOT NULL,
    addr_street      varchar(80),                           -- the CURRENT address, maintained by the app
    addr_zip         char(10),                              -- blank-padded: '80331     '
    addr_city        varchar(40),
    issue_dt         date         NOT NULL,
    status_cd        char(1)      NOT NULL DEFAULT 'A',     -- A active, L lapsed, C cancelled
    last_upd_ts      timestamp    NOT NULL DEFAULT localtimestamp,
    last_upd_user    char(8)      NOT NULL DEFAULT 'BATCH',
    strangler_origin varchar(40)                            -- origin marker: set only by the legacy sink's transactions
);

-- One row per policy version. Every endorsement (a change to an issued policy) is a version with a transaction code;
-- so are back-office corrections (ADDR_COR, referring to the version they correct) and billing-only technical
-- adjustments (BILL_ADJ, bill_only_fl = 'Y') that change nothing a customer sees.
CREATE TABLE polad.policy_version (
    pv_id            bigint        PRIMARY KEY DEFAULT nextval('polad.pv_seq'),
    pol_id           bigint        NOT NULL REFERENCES polad.policy (pol_id),
    pol_no           char(12)      NOT NULL,                -- denormalised: the batch interface sends only pol_no
    version_no       integer       NOT NULL,                -- entry order, NOT effective order (retroactive inserts)
    txn_cd           char(8)       NOT NULL,                -- 'NB', 'ADDR_CHG', 'ADDR_COR', 'VEH_ADD', 'VEH_CHG', 'NAME_CHG', 'BILL_ADJ'
    prod_line_cd     char(4)       NOT NULL,                -- denormalised copies for the reporting warehouse
    ctry_cd          char(2)       NOT NULL,
    eff_dt           date          NOT NULL,                -- may precede the policy's issue_dt (migrated books)
    entered_ts       timestamp     NOT NULL DEFAULT localtimestamp,
    approved_fl      char(1)       NOT NULL DEFAULT 'N' CHECK (approved_fl IN ('Y', 'N')),
    bill_only_fl     char(1)       NOT NULL DEFAULT 'N' CHECK (bill_only_fl IN ('Y', 'N')),
    reason_cd        char(4),                               -- blank-padded code, or NULL where reason_txt is used
    reason_txt       varchar(400),                          -- free text (region SAX writes only this)
    corrects_pv_id   bigint        REFERENCES polad.policy_version (pv_id),
    src_sys_id       varchar(60),                           -- id in the system that entered it; NULL on old rows
    addr_street      varchar(80),
    addr_zip         char(10),
    addr_city        varchar(40),
    vehicle_vin      char(17),
    premium_delta    numeric(12, 2) NOT NULL DEFAULT 0,
    entered_by       char(8)       NOT NULL DEFAULT 'BATCH',
    strangler_origin varchar(40),                           -- origin marker: set only by the legacy sink's transactions
    CONSTRAINT policy_version_src_uk UNIQUE (src_sys_id),   -- the legacy sink's upsert key (NULLs do not collide)
    CONSTRAINT policy_version_no_uk UNIQUE (pol_id, version_no)
);

-- The old batch interface sends pol_no and no version number: fill both in, as the monolith always did.
CREATE FUNCTION polad.fill_policy_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.pol_id IS NULL THEN
        SELECT pol_id INTO NEW.pol_id FROM polad.policy WHERE pol_no = NEW.pol_no;
    END IF;
    IF NEW.version_no IS NULL THEN
        PERFORM 1 FROM polad.policy WHERE pol_id = NEW.pol_id FOR UPDATE;  -- serialise version numbering per policy
        SELECT coalesce(max(version_no), 0) + 1 INTO NEW.version_no FROM polad.policy_version WHERE pol_id = NEW.pol_id;
    END IF;
    IF NEW.prod_line_cd IS NULL OR NEW.ctry_cd IS NULL THEN
        SELECT prod_line_cd, ctry_cd INTO NEW.prod_line_cd, NEW.ctry_cd FROM polad.policy WHERE pol_id = NEW.pol_id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER policy_version_fill BEFORE INSERT ON polad.policy_version
    FOR EACH ROW EXECUTE FUNCTION polad.fill_policy_version();

-- The origin-marker convention (see strangler-core, package dev.strangler.connect.core.origin): a row version
-- carries the marker exactly when the legacy sink's transaction produced it. The sink runs
-- set_config('strangler.origin', '<marker value>', true) at the start of its transaction; every other write resets
-- the column, so a legacy UPDATE never inherits the marker of the sink's earlier write.
CREATE FUNCTION polad.stamp_origin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.strangler_origin := nullif(current_setting('strangler.origin', true), '');
    RETURN NEW;
END $$;

CREATE TRIGGER policy_origin BEFORE INSERT OR UPDATE ON polad.policy
    FOR EACH ROW EXECUTE FUNCTION polad.stamp_origin();
CREATE TRIGGER policy_version_origin BEFORE INSERT OR UPDATE ON polad.policy_version
    FOR EACH ROW EXECUTE FUNCTION polad.stamp_origin();

-- Deletes must be recognised as the sink's own (the marker is in the removed row) and must carry the plan fields
-- (product line, country, transaction code) for the authority guard: Debezium needs the whole old row.
ALTER TABLE polad.policy REPLICA IDENTITY FULL;
ALTER TABLE polad.policy_version REPLICA IDENTITY FULL;

-- Debezium's signal table: the reconcile sink inserts incremental-snapshot signals here to repair mismatches.
CREATE TABLE polad.debezium_signal (
    id   varchar(42)   PRIMARY KEY,
    type varchar(32)   NOT NULL,
    data varchar(2048)
);

-- Legacy's endorsements as the ACL publishes them (config-examples/phase-*/endorsement-legacy-cdc.json): the
-- domain events' field names (after the reconcile connector's Flatten, address_street etc.) and codes. The state
-- check of endorsement-reconcile-shadow compares this view with the service's shadow store key range by key range:
-- its columns are the record field names of that connector's mapping.key and mapping.fields. Values are the ACL's,
-- so that the range checksums of both sides agree wherever the mirror is right:
-- * translated codes as the ACL's ValueTranslation steps map them (CHAR padding trimmed; unknown reason codes pass);
-- * CHAR(n) columns the ACL passes through keep their blank padding, as Debezium delivers them;
-- * the entry time at millisecond precision (Debezium's time.precision.mode=connect).
-- Rows the legacy sink wrote (origin marker) are not mirrored (the ACL drops them as its own), so they are left out.
-- If the ACL's mappings change, this view changes with them, or the state check reports the drift.
CREATE VIEW polad.endorsement_as_published AS
SELECT pv_id                                            AS "legacyVersionId",
       rpad(pol_no, 12)                                 AS "policyNumber",
       version_no                                       AS "versionNumber",
       rtrim(txn_cd)                                    AS "endorsementType",
       rpad(prod_line_cd, 4)                            AS "productLine",
       rpad(ctry_cd, 2)                                 AS "country",
       eff_dt                                           AS "effectiveDate",
       date_trunc('milliseconds', entered_ts)           AS "enteredAt",
       CASE approved_fl WHEN 'Y' THEN 'APPROVED' WHEN 'N' THEN 'PENDING' END           AS "approval",
       CASE bill_only_fl WHEN 'Y' THEN 'BILLING_ONLY' WHEN 'N' THEN 'ENDORSEMENT' END  AS "category",
       CASE rtrim(reason_cd) WHEN 'NEW' THEN 'NEW_BUSINESS' WHEN 'MOVE' THEN 'RELOCATION'
            WHEN 'CORR' THEN 'CORRECTION' WHEN 'RND' THEN 'ROUNDING' ELSE rtrim(reason_cd) END AS "reasonCode",
       reason_txt                                       AS "reasonText",
       src_sys_id                                       AS "sourceId",
       addr_street                                      AS "address_street",
       rpad(addr_zip, 10)                               AS "address_postalCode",
       addr_city                                        AS "address_city",
       rpad(vehicle_vin, 17)                            AS "vehicleVin",
       premium_delta                                    AS "premiumDelta"
  FROM polad.policy_version
 WHERE strangler_origin IS DISTINCT FROM 'strangler-connect';
