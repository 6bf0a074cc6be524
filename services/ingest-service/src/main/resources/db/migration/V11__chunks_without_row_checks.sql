-- A pack's chunk rows are inserted by the transaction that inserts the pack, tens of thousands at once (a row per
-- small file), and garbage collection moves chunks only into a pack its own transaction inserted: the foreign key
-- chunk -> pack checked each row (an RI trigger taking a key-share lock on the pack row per chunk row, a quarter of
-- the insert in a catalog of 2.4 million chunks; docs/benchmarks.md). Two statement-level checks keep the rule with
-- one query per statement: chunk rows inserted or moved name packs that exist, and a deleted pack leaves no chunk
-- row behind. Packs are deleted only once retired, and a retired pack never receives chunks, so the check needs no
-- lock on the pack rows (docs/adr/0023).
ALTER TABLE chunk DROP CONSTRAINT chunk_pack_id_fkey;

CREATE FUNCTION chunk_names_a_pack() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT pack_id FROM changed_chunk) n
               WHERE NOT EXISTS (SELECT 1 FROM pack p WHERE p.id = n.pack_id)) THEN
        RAISE EXCEPTION 'chunk rows name a pack that does not exist' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER chunk_inserted AFTER INSERT ON chunk
    REFERENCING NEW TABLE AS changed_chunk
    FOR EACH STATEMENT EXECUTE FUNCTION chunk_names_a_pack();

CREATE TRIGGER chunk_updated AFTER UPDATE ON chunk
    REFERENCING NEW TABLE AS changed_chunk
    FOR EACH STATEMENT EXECUTE FUNCTION chunk_names_a_pack();

CREATE FUNCTION pack_leaves_no_chunk() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM chunk c JOIN deleted_pack d ON c.pack_id = d.id) THEN
        RAISE EXCEPTION 'a deleted pack still holds chunk rows' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER pack_deleted AFTER DELETE ON pack
    REFERENCING OLD TABLE AS deleted_pack
    FOR EACH STATEMENT EXECUTE FUNCTION pack_leaves_no_chunk();
