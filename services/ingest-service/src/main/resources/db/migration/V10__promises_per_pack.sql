-- A promise (docs/adr/0015) is stamped on the packs that hold the chunks answered present, not on each chunk: a
-- no-op backup of 200,000 small files rewrote 200,000 chunk rows (10 s of PostgreSQL in a catalog of two million
-- chunks) where it now touches the few packs they live in. chunk.promised_at stays for stamps made before; garbage
-- collection honours both (docs/adr/0024).
ALTER TABLE pack ADD COLUMN promised_at TIMESTAMPTZ;
