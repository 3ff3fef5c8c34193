-- The rule site search texts were made by (PostgreSQL). Kept in step with the SQLite file of
-- this name.
-- sites.search_key now holds the folded words of name and address, then what the
-- abbreviations among them stand for ("UBND" adds "uy ban nhan dan"). Texts stored before
-- were made by rule 1; at start the server makes every text again when this version is
-- older than its own rule, then records its rule here. One row.
CREATE TABLE search_key_rule (
    version BIGINT NOT NULL
);
INSERT INTO search_key_rule (version) VALUES (1);
