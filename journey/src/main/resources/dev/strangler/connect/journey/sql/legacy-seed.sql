-- Seed data with the ugly facts a real policy administration system has. Every oddity below is one the ACL,
-- the plan and the reconciliation must cope with; the comments say which.

INSERT INTO polad.policy (pol_id, pol_no, prod_line_cd, ctry_cd, region_cd, holder_nm, addr_street, addr_zip, addr_city, issue_dt, status_cd, last_upd_user) VALUES
    (1001, 'DE-A-0001001', 'AUTO', 'DE', 'BAV', 'Anna Huber',      'Leopoldstr. 12',       '80802', 'München',   DATE '2019-03-01', 'A', 'MIGR2019'),
    (1002, 'DE-A-0001002', 'AUTO', 'DE', 'NRW', 'Jonas Becker',    'Rheinuferstraße 3',    '40213', 'Düsseldorf',DATE '2020-07-15', 'A', 'WEB'),
    (1003, 'DE-A-0001003', 'AUTO', 'DE', 'SAX', 'Marta Schulze',   'Prager Str. 9',        '01069', 'Dresden',   DATE '2021-01-10', 'A', 'AGENT17'),
    (1004, 'DE-A-0001004', 'AUTO', 'DE', 'SAX', 'Paul Richter',    'Karl-Liebknecht-Str. 1','04107','Leipzig',   DATE '2022-05-20', 'A', 'AGENT17'),
    (1005, 'DE-H-0001005', 'HOME', 'DE', 'BAV', 'Lena Wagner',     'Sendlinger Str. 44',   '80331', 'München',   DATE '2018-11-30', 'A', 'MIGR2019'),
    (1006, 'AT-A-0001006', 'AUTO', 'AT', 'VIE', 'Felix Gruber',    'Mariahilfer Str. 77',  '1060',  'Wien',      DATE '2023-02-01', 'A', 'WEB'),
    (1007, 'DE-A-0001007', 'AUTO', 'DE', 'NRW', 'Sophie Neumann',  'Königsallee 60',       '40212', 'Düsseldorf',DATE '2024-09-01', 'L', 'BATCH'),
    (1008, 'DE-L-0001008', 'LIFE', 'DE', 'BAV', 'Max Hoffmann',    'Maximilianstr. 2',     '80539', 'München',   DATE '2017-04-01', 'A', 'MIGR2019');

INSERT INTO polad.policy_version
    (pv_id, pol_id, pol_no, version_no, txn_cd, prod_line_cd, ctry_cd, eff_dt, entered_ts, approved_fl, bill_only_fl,
     reason_cd, reason_txt, corrects_pv_id, src_sys_id, addr_street, addr_zip, addr_city, vehicle_vin, premium_delta, entered_by) VALUES
    -- New business rows. The 2019 book migration carried no source identifiers (src_sys_id NULL): the reconcile sink
    -- cannot key them by source id and the ACL's identity must come from pv_id.
    (10001, 1001, 'DE-A-0001001', 1, 'NB',       'AUTO', 'DE', DATE '2019-03-01', TIMESTAMP '2019-02-27 10:12:00', 'Y', 'N', 'NEW ', NULL, NULL, NULL,            'Leopoldstr. 12', '80802', 'München', 'WVWZZZ1JZXW000001', 612.40, 'MIGR2019'),
    -- Effective BEFORE issuance: the migrated book back-dated cover to the broker's original start.
    (10002, 1005, 'DE-H-0001005', 1, 'NB',       'HOME', 'DE', DATE '2018-10-01', TIMESTAMP '2018-11-29 16:40:00', 'Y', 'N', 'NEW ', NULL, NULL, NULL,            'Sendlinger Str. 44', '80331', 'München', NULL,           310.00, 'MIGR2019'),
    (10003, 1008, 'DE-L-0001008', 1, 'NB',       'LIFE', 'DE', DATE '2017-04-01', TIMESTAMP '2017-03-20 09:00:00', 'Y', 'N', 'NEW ', NULL, NULL, NULL,            'Maximilianstr. 2', '80539', 'München', NULL,             95.00, 'MIGR2019'),
    (10004, 1002, 'DE-A-0001002', 1, 'NB',       'AUTO', 'DE', DATE '2020-07-15', TIMESTAMP '2020-07-14 11:05:00', 'Y', 'N', 'NEW ', NULL, NULL, 'WEB-77120',     'Rheinuferstr. 3', '40213', 'Düsseldorf', 'WAUZZZ8K9BA000002', 540.00, 'WEB'),
    -- An address change entered through the web portal.
    (10005, 1002, 'DE-A-0001002', 2, 'ADDR_CHG', 'AUTO', 'DE', DATE '2021-04-01', TIMESTAMP '2021-03-25 08:30:00', 'Y', 'N', 'MOVE', NULL, NULL, 'WEB-80455',     'Rheinuferstraße 3', '40213', 'Düsseldorf', NULL,       0.00, 'WEB'),
    -- A back-office correction of that address change (typo in the street), referring to the version it corrects.
    (10006, 1002, 'DE-A-0001002', 3, 'ADDR_COR', 'AUTO', 'DE', DATE '2021-04-01', TIMESTAMP '2021-03-26 14:02:00', 'Y', 'N', 'CORR', NULL, 10005, 'BO-3311',      'Rheinuferstraße 3', '40213', 'Düsseldorf', NULL,       0.00, 'BACKOFF'),
    -- Region SAX never used reason codes: free text only, in any spelling.
    (10007, 1003, 'DE-A-0001003', 1, 'NB',       'AUTO', 'DE', DATE '2021-01-10', TIMESTAMP '2021-01-08 13:00:00', 'Y', 'N', NULL,   'Neuvertrag über Agentur', NULL, 'AG17-0001', 'Prager Str. 9', '01069', 'Dresden', 'VF1RFB00X61000003', 480.00, 'AGENT17'),
    (10008, 1003, 'DE-A-0001003', 2, 'ADDR_CHG', 'AUTO', 'DE', DATE '2022-02-01', TIMESTAMP '2022-01-30 17:45:00', 'Y', 'N', NULL,   'Umzug innerhalb Dresden, Kunde rief an', NULL, 'AG17-0042', 'Prager Straße 9', '01069', 'Dresden', NULL, 0.00, 'AGENT17'),
    (10009, 1004, 'DE-A-0001004', 1, 'NB',       'AUTO', 'DE', DATE '2022-05-20', TIMESTAMP '2022-05-18 10:10:00', 'Y', 'N', NULL,   'NB lt. Antrag',  NULL, 'AG17-0107', 'Karl-Liebknecht-Str. 1', '04107', 'Leipzig', 'TMBJJ7NE8J0000004', 455.00, 'AGENT17'),
    -- A vehicle change, then a RETROACTIVE insert: entered later (version 3) but effective before version 2.
    (10010, 1004, 'DE-A-0001004', 2, 'VEH_CHG',  'AUTO', 'DE', DATE '2023-06-01', TIMESTAMP '2023-05-28 09:00:00', 'Y', 'N', NULL,   'Fahrzeugwechsel', NULL, 'AG17-0388', NULL, NULL, NULL, 'WBA8E9C50GK000005', 38.20, 'AGENT17'),
    (10011, 1004, 'DE-A-0001004', 3, 'ADDR_CHG', 'AUTO', 'DE', DATE '2023-01-15', TIMESTAMP '2023-07-02 15:20:00', 'Y', 'N', NULL,   'Adresse rückwirkend lt. Meldebescheinigung', NULL, 'AG17-0412', 'Karl-Liebknecht-Straße 1', '04107', 'Leipzig', NULL, 0.00, 'AGENT17'),
    -- Billing-only technical adjustment: no customer-visible change, not an endorsement in the domain sense.
    (10012, 1001, 'DE-A-0001001', 2, 'BILL_ADJ', 'AUTO', 'DE', DATE '2024-01-01', TIMESTAMP '2024-01-02 02:15:00', 'Y', 'Y', 'RND ', NULL, NULL, NULL,            NULL, NULL, NULL, NULL, 0.01, 'BATCH'),
    -- An address change still waiting for approval ('N').
    (10013, 1001, 'DE-A-0001001', 3, 'ADDR_CHG', 'AUTO', 'DE', DATE '2025-02-01', TIMESTAMP '2025-01-20 12:00:00', 'N', 'N', 'MOVE', NULL, NULL, 'WEB-99012',     'Leopoldstraße 12', '80802', 'München', NULL,         0.00, 'WEB'),
    -- Outside the first slice: Austria and home insurance stay with legacy through the whole journey.
    (10014, 1006, 'AT-A-0001006', 1, 'NB',       'AUTO', 'AT', DATE '2023-02-01', TIMESTAMP '2023-01-30 10:00:00', 'Y', 'N', 'NEW ', NULL, NULL, 'WEB-81234',     'Mariahilfer Str. 77', '1060', 'Wien', 'VSSZZZ5FZKR000006', 390.00, 'WEB'),
    (10015, 1005, 'DE-H-0001005', 2, 'ADDR_CHG', 'HOME', 'DE', DATE '2024-08-01', TIMESTAMP '2024-07-15 09:30:00', 'Y', 'N', 'MOVE', NULL, NULL, NULL,            'Sendlinger Straße 44', '80331', 'München', NULL,   0.00, 'BACKOFF'),
    (10016, 1007, 'DE-A-0001007', 1, 'NB',       'AUTO', 'DE', DATE '2024-09-01', TIMESTAMP '2024-08-29 18:00:00', 'Y', 'N', 'NEW ', NULL, NULL, 'WEB-90001',     'Königsallee 60', '40212', 'Düsseldorf', 'WF0XXXGCDX0000007', 505.00, 'WEB');

