-- The chain head follows each appended event by itself (SQLite). Kept in step with the
-- PostgreSQL file of this name. An append was three statements (take the next position,
-- record the new last hash, insert the event); the second is now this trigger, so every
-- change that logs an event costs one round trip less.
CREATE TRIGGER events_chain_head AFTER INSERT ON events
BEGIN
    UPDATE event_chain SET last_hash = NEW.hash WHERE id = 1;
END;
