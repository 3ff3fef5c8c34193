-- One row whose lock serialises "is this photo file still used? then delete it" with
-- "record a photo whose files are present", so that a file shared by two uploads is never
-- deleted under a record that is being written.
CREATE TABLE photo_objects_lock (
    id INTEGER PRIMARY KEY
);
INSERT INTO photo_objects_lock (id) VALUES (1);
