-- Foundation: departments, areas, sites and checklist snapshots (PostgreSQL).
-- Kept in step with migrations/sqlite/0001_foundation.sql: same tables and columns;
-- a test compares them. Never edit a landed migration: add a new one.

-- Responsible bodies. Data, not an enum: provinces rename and merge them.
CREATE TABLE departments (
    id          UUID PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name_vi     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

-- Administrative units with history. The boundary is a GeoJSON MultiPolygon; its box is
-- kept beside it so a point lookup reads only the candidates.
CREATE TABLE areas (
    id          UUID PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    parent_id   UUID REFERENCES areas (id),
    valid_from  DATE,
    valid_to    DATE,
    approximate BOOLEAN NOT NULL DEFAULT FALSE,
    boundary    TEXT NOT NULL,
    min_lon     DOUBLE PRECISION NOT NULL,
    min_lat     DOUBLE PRECISION NOT NULL,
    max_lon     DOUBLE PRECISION NOT NULL,
    max_lat     DOUBLE PRECISION NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX areas_parent ON areas (parent_id);

-- The places audited. search_key is the name and address folded for accent-free search.
CREATE TABLE sites (
    id            UUID PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('public_building', 'transport_stop', 'cultural_site')),
    subtype       TEXT NOT NULL,
    address       TEXT,
    lon           DOUBLE PRECISION NOT NULL CHECK (lon BETWEEN -180 AND 180),
    lat           DOUBLE PRECISION NOT NULL CHECK (lat BETWEEN -90 AND 90),
    area_id       UUID REFERENCES areas (id),
    department_id UUID NOT NULL REFERENCES departments (id),
    operator      TEXT,
    search_key    TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
-- The site list picks a page of ids from box and kind alone; with id and kind in the
-- index it never reads the table for that, so a province-wide box stays fast.
CREATE INDEX sites_lon_lat_kind_id ON sites (lon, lat, kind, id);
CREATE INDEX sites_area ON sites (area_id);
CREATE INDEX sites_department ON sites (department_id);

-- Every checklist version ever loaded, stored once by content hash and never changed, so
-- an audit always shows the exact items it was filled against.
CREATE TABLE checklist_versions (
    id            UUID PRIMARY KEY,
    checklist_id  TEXT NOT NULL,
    version       BIGINT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,
    body          TEXT NOT NULL,
    loaded_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (checklist_id, version)
);

-- Snapshots are immutable.
CREATE FUNCTION checklist_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'checklist versions never change';
END;
$$;
CREATE TRIGGER checklist_versions_immutable BEFORE UPDATE ON checklist_versions
    FOR EACH ROW EXECUTE FUNCTION checklist_versions_immutable();
