-- A department can be retired (PostgreSQL). Kept in step with the SQLite file of this name.
-- A retired department keeps its row and name, for history, and takes no more work; it
-- can be retired only when nothing is left to it (no site, active person, open audit or
-- open finding), so nothing is stranded.
ALTER TABLE departments ADD COLUMN retired_at TIMESTAMPTZ;
