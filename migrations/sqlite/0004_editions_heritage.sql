-- The day a site's design was approved (which edition of QCVN 10 may govern it), whether it
-- is a listed heritage site, and "other" subtypes of their own per kind, so every subtype
-- has exactly one checklist (SQLite). Kept in step with the PostgreSQL file of this name.

ALTER TABLE sites ADD COLUMN design_approved_on TEXT;
ALTER TABLE sites ADD COLUMN heritage BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE site_import_rows ADD COLUMN design_approved_on TEXT;
ALTER TABLE site_import_rows ADD COLUMN heritage BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE sites SET subtype = 'other_building' WHERE subtype = 'other' AND kind = 'public_building';
UPDATE sites SET subtype = 'other_transport' WHERE subtype = 'other' AND kind = 'transport_stop';
UPDATE sites SET subtype = 'other_cultural' WHERE subtype = 'other' AND kind = 'cultural_site';
