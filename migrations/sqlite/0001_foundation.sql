-- Foundation: departments, areas, sites and checklist snapshots (SQLite).
-- Kept in step with migrations/postgres/0001_foundation.sql: same tables and columns;
-- a test compares them. Never edit a landed migration: add a new one.
-- Ids are UUIDv7 (16-byte blobs here), times are UTC timestamps (RFC 3339 text here).

-- Responsible bodies. Data, not an enum: provinces rename and merge them.
CREATE TABLE departments (
    id          BLOB PRIMARY KEY NOT NULL,
    code        TEXT NOT NULL UNIQUE,
    name_vi     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Administrative units with history. The boundary is a GeoJSON MultiPolygon; its box is
-- kept beside it so a point lookup reads only the candidates.
CREATE TABLE areas (
    id          BLOB PRIMARY KEY NOT NULL,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    parent_id   BLOB REFERENCES areas (id),
    valid_from  TEXT,
    valid_to    TEXT,
    approximate BOOLEAN NOT NULL DEFAULT FALSE,
    boundary    TEXT NOT NULL,
    min_lon     REAL NOT NULL,
    min_lat     REAL NOT NULL,
    max_lon     REAL NOT NULL,
    max_lat     REAL NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX areas_parent ON areas (parent_id);

-- The places audited. search_key is the name and address folded for accent-free search.
CREATE TABLE sites (
    id            BLOB PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('public_building', 'transport_stop', 'cultural_site')),
    subtype       TEXT NOT NULL,
    address       TEXT,
    lon           REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    lat           REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    area_id       BLOB REFERENCES areas (id),
    department_id BLOB NOT NULL REFERENCES departments (id),
    operator      TEXT,
    search_key    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
-- The site list picks a page of ids from box and kind alone; with id and kind in the
-- index it never reads the table for that, so a province-wide box stays fast.
CREATE INDEX sites_lon_lat_kind_id ON sites (lon, lat, kind, id);
CREATE INDEX sites_area ON sites (area_id);
CREATE INDEX sites_department ON sites (department_id);

-- Every checklist version ever loaded, stored once by content hash and never changed, so
-- an audit always shows the exact items it was filled against.
CREATE TABLE checklist_versions (
    id            BLOB PRIMARY KEY NOT NULL,
    checklist_id  TEXT NOT NULL,
    version       INTEGER NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,
    body          TEXT NOT NULL,
    loaded_at     TEXT NOT NULL,
    UNIQUE (checklist_id, version)
);

-- Snapshots are immutable.
CREATE TRIGGER checklist_versions_immutable BEFORE UPDATE ON checklist_versions
BEGIN
    SELECT RAISE(ABORT, 'checklist versions never change');
END;
