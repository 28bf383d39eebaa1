//! The database schema, its version table and the migrations between versions.
//!
//! A parley database carries `PRAGMA application_id` [`APPLICATION_ID`] and a one-row table
//! `schema_version`. Opening a database applies the migrations it lacks, each in one transaction;
//! a database whose version is newer than [`SCHEMA_VERSION`] is refused with a clear message, and
//! so is an SQLite file that is not a parley database.

use rusqlite::{Connection, OptionalExtension};

use crate::StoreError;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 7;

/// `PRAGMA application_id` of parley databases ("prly" in ASCII).
pub const APPLICATION_ID: i64 = 0x7072_6c79;

/// Migration `i` takes a database from version `i` to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the first schema.
    r#"
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES (0);

-- One row per document ever ingested, keyed by its id or URL; `content_hash` tells whether a
-- re-ingested document changed.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    content_hash  TEXT NOT NULL,
    url           TEXT,
    outlet        TEXT,
    title         TEXT,
    published     TEXT,
    bytes         INTEGER NOT NULL,
    ingested      INTEGER NOT NULL
);
CREATE INDEX documents_hash ON documents (content_hash);

-- One row per event extracted from a document (a "mention" of a real-world event).
-- `record` is the extraction record as JSON; the other columns are copies for indexing.
CREATE TABLE mentions (
    id                INTEGER PRIMARY KEY,
    doc_id            INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal           INTEGER NOT NULL,
    block             TEXT NOT NULL,
    type              TEXT NOT NULL,
    status            TEXT NOT NULL,
    date              TEXT,
    date_precision    TEXT NOT NULL,
    date_lo           TEXT,
    date_hi           TEXT,
    location          TEXT,
    location_country  TEXT,
    initiator         TEXT,
    record            TEXT NOT NULL,
    evidence_text     TEXT NOT NULL,
    event_id          TEXT,
    UNIQUE (doc_id, ordinal)
);
CREATE INDEX mentions_block ON mentions (block);
CREATE INDEX mentions_event ON mentions (event_id);

-- Full-text search over the evidence sentences of every mention.
CREATE VIRTUAL TABLE mentions_fts USING fts5 (
    evidence_text, content = 'mentions', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN
    INSERT INTO mentions_fts (rowid, evidence_text) VALUES (new.id, new.evidence_text);
END;
CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN
    INSERT INTO mentions_fts (mentions_fts, rowid, evidence_text) VALUES ('delete', old.id, old.evidence_text);
END;
CREATE TRIGGER mentions_fts_update AFTER UPDATE OF evidence_text ON mentions BEGIN
    INSERT INTO mentions_fts (mentions_fts, rowid, evidence_text) VALUES ('delete', old.id, old.evidence_text);
    INSERT INTO mentions_fts (rowid, evidence_text) VALUES (new.id, new.evidence_text);
END;

-- Merged events: one real-world interaction, reported by one or more mentions.
-- `record` is the merged event as JSON (what `parley events --format jsonl` prints).
CREATE TABLE events (
    event_id          TEXT PRIMARY KEY,
    block             TEXT NOT NULL,
    type              TEXT NOT NULL,
    status            TEXT NOT NULL,
    date              TEXT,
    date_precision    TEXT NOT NULL,
    date_lo           TEXT,
    date_hi           TEXT,
    location          TEXT,
    location_country  TEXT,
    num_articles      INTEGER NOT NULL,
    num_sources       INTEGER NOT NULL,
    num_conflicts     INTEGER NOT NULL,
    record            TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX events_block ON events (block);
CREATE INDEX events_date ON events (date_lo, date_hi);

CREATE TABLE participants (
    event_id  TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    country   TEXT,
    role      TEXT,
    org       TEXT,
    PRIMARY KEY (event_id, name)
) WITHOUT ROWID;
CREATE INDEX participants_name ON participants (name, event_id);
CREATE INDEX participants_country ON participants (country, event_id);

CREATE TABLE event_topics (
    event_id  TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    topic     TEXT NOT NULL,
    PRIMARY KEY (event_id, topic)
) WITHOUT ROWID;
CREATE INDEX event_topics_topic ON event_topics (topic, event_id);

-- Outlets (lower case) that reported each event, for `--source`.
CREATE TABLE event_outlets (
    event_id  TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    outlet    TEXT NOT NULL,
    PRIMARY KEY (event_id, outlet)
) WITHOUT ROWID;
CREATE INDEX event_outlets_outlet ON event_outlets (outlet, event_id);

-- Every participant name seen, so `--actor Putin` resolves without scanning participants.
CREATE TABLE actors (
    name     TEXT PRIMARY KEY,
    country  TEXT
) WITHOUT ROWID;

-- Merge blocks whose mentions changed and whose merged events must be recomputed. Written in the
-- same transaction as the mentions, so a crash never loses pending merge work.
CREATE TABLE dirty_blocks (block TEXT PRIMARY KEY) WITHOUT ROWID;
"#,
    // 1 -> 2: the extractor version of each document, so that a new parley (or new lexicon)
    // re-extracts documents whose content did not change. Documents stored before have '' and are
    // therefore re-extracted on their next ingest.
    r#"
ALTER TABLE documents ADD COLUMN extractor TEXT NOT NULL DEFAULT '';
"#,
    // 2 -> 3: aggregates for the whole-store pages of `parley serve` (pairs, actor counts,
    // per-month counts, multi-party events), kept up to date by triggers in the same
    // transaction as the merge that writes events and participants, and a covering index for
    // the list order and its filters, so that no page has to scan the wide `events` rows.
    // The objects are dropped first so that the migration can be re-run on a database that was
    // downgraded by hand.
    r#"
DROP TRIGGER IF EXISTS participants_agg_insert;
DROP TRIGGER IF EXISTS participants_agg_delete;
DROP TRIGGER IF EXISTS events_agg_insert;
DROP TRIGGER IF EXISTS events_agg_delete;
DROP TRIGGER IF EXISTS events_agg_update;
DROP TABLE IF EXISTS pair_counts;
DROP TABLE IF EXISTS actor_counts;
DROP TABLE IF EXISTS month_counts;
DROP TABLE IF EXISTS multi_events;
DROP INDEX IF EXISTS events_list;
DROP INDEX IF EXISTS events_narrow;

-- Every list query walks this index in its order (date_lo, event_id) and filters on the
-- columns it carries; only the rows returned read the wide `record`.
CREATE INDEX events_list ON events (date_lo, event_id, date_hi, type, status, num_conflicts);
-- The same columns by id, for filters that start from another table (an actor's events):
-- checking them reads this narrow index instead of the wide rows of `events`.
CREATE INDEX events_narrow ON events (event_id, date_lo, date_hi, type, status, num_conflicts);

-- Merged events with both actors `a` < `b` among the participants.
CREATE TABLE pair_counts (
    a  TEXT NOT NULL,
    b  TEXT NOT NULL,
    n  INTEGER NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;

-- Merged events each participant name takes part in.
CREATE TABLE actor_counts (
    name  TEXT PRIMARY KEY,
    n     INTEGER NOT NULL
) WITHOUT ROWID;

-- Merged events per month of `date_lo` ('' for undated events), type and status.
CREATE TABLE month_counts (
    period     TEXT NOT NULL,
    type       TEXT NOT NULL,
    status     TEXT NOT NULL,
    n          INTEGER NOT NULL,
    conflicts  INTEGER NOT NULL,
    PRIMARY KEY (period, type, status)
) WITHOUT ROWID;

-- Merged events with three or more participants (the only ones that can have a mediator).
CREATE TABLE multi_events (event_id TEXT PRIMARY KEY) WITHOUT ROWID;

INSERT INTO pair_counts (a, b, n)
    SELECT p1.name, p2.name, count(*) FROM participants p1
    JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
    GROUP BY 1, 2;
INSERT INTO actor_counts (name, n) SELECT name, count(*) FROM participants GROUP BY name;
INSERT INTO month_counts (period, type, status, n, conflicts)
    SELECT coalesce(substr(date_lo, 1, 7), ''), type, status, count(*), sum(num_conflicts > 0)
    FROM events GROUP BY 1, 2, 3;
INSERT INTO multi_events (event_id)
    SELECT event_id FROM participants GROUP BY event_id HAVING count(*) >= 3;

-- A participant row counts once for each pair it forms with the rows already there, so each
-- pair is counted once however the rows arrive (and uncounted once however they leave: the
-- cascade from `events` deletes them one by one).
CREATE TRIGGER participants_agg_insert AFTER INSERT ON participants BEGIN
    INSERT INTO pair_counts (a, b, n)
        SELECT min(new.name, p.name), max(new.name, p.name), 1 FROM participants p
        WHERE p.event_id = new.event_id AND p.name <> new.name
        ON CONFLICT (a, b) DO UPDATE SET n = n + 1;
    INSERT INTO actor_counts (name, n) VALUES (new.name, 1)
        ON CONFLICT (name) DO UPDATE SET n = n + 1;
    INSERT OR IGNORE INTO multi_events (event_id)
        SELECT new.event_id
        WHERE (SELECT count(*) FROM participants p WHERE p.event_id = new.event_id) >= 3;
END;
CREATE TRIGGER participants_agg_delete AFTER DELETE ON participants BEGIN
    UPDATE pair_counts SET n = n - 1
        WHERE (a, b) IN (SELECT min(old.name, p.name), max(old.name, p.name) FROM participants p
                         WHERE p.event_id = old.event_id AND p.name <> old.name);
    DELETE FROM pair_counts
        WHERE n <= 0 AND (a, b) IN (SELECT min(old.name, p.name), max(old.name, p.name)
                                    FROM participants p
                                    WHERE p.event_id = old.event_id AND p.name <> old.name);
    UPDATE actor_counts SET n = n - 1 WHERE name = old.name;
    DELETE FROM actor_counts WHERE name = old.name AND n <= 0;
    DELETE FROM multi_events
        WHERE event_id = old.event_id
          AND (SELECT count(*) FROM participants p WHERE p.event_id = old.event_id) < 3;
END;
CREATE TRIGGER events_agg_insert AFTER INSERT ON events BEGIN
    INSERT INTO month_counts (period, type, status, n, conflicts)
        VALUES (coalesce(substr(new.date_lo, 1, 7), ''), new.type, new.status, 1,
                new.num_conflicts > 0)
        ON CONFLICT (period, type, status) DO UPDATE
        SET n = n + 1, conflicts = conflicts + (new.num_conflicts > 0);
END;
CREATE TRIGGER events_agg_delete AFTER DELETE ON events BEGIN
    UPDATE month_counts SET n = n - 1, conflicts = conflicts - (old.num_conflicts > 0)
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '') AND type = old.type
          AND status = old.status;
    DELETE FROM month_counts
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '') AND type = old.type
          AND status = old.status AND n <= 0;
END;
CREATE TRIGGER events_agg_update AFTER UPDATE OF date_lo, type, status, num_conflicts ON events BEGIN
    UPDATE month_counts SET n = n - 1, conflicts = conflicts - (old.num_conflicts > 0)
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '') AND type = old.type
          AND status = old.status;
    INSERT INTO month_counts (period, type, status, n, conflicts)
        VALUES (coalesce(substr(new.date_lo, 1, 7), ''), new.type, new.status, 1,
                new.num_conflicts > 0)
        ON CONFLICT (period, type, status) DO UPDATE
        SET n = n + 1, conflicts = conflicts + (new.num_conflicts > 0);
    DELETE FROM month_counts WHERE n <= 0;
END;
"#,
    // 3 -> 4: the sentences around each report's evidence (the store keeps no article text, so
    // this is what the event page shows the evidence in), and pair counts per month of the
    // event, so that the network of a date range sums months instead of joining participants
    // of every event in the range. Adding nullable columns rewrites nothing: reports stored
    // before keep a null context (shown as the evidence sentence alone) until their document is
    // ingested again. The pair table is backfilled here, as v3 did for its aggregates. The
    // columns are added by [`ADDED_COLUMNS`].
    r#"
DROP TRIGGER IF EXISTS participants_pair_month_insert;
DROP TRIGGER IF EXISTS participants_pair_month_delete;
DROP TRIGGER IF EXISTS events_pair_month_delete;
DROP TRIGGER IF EXISTS events_pair_month_update;
DROP TABLE IF EXISTS pair_month_counts;

-- Merged events with both actors `a` < `b` among the participants, per month of the event's
-- `date_lo` ('YYYY-MM'; '' for undated events): summed over `period` it equals `pair_counts`.
CREATE TABLE pair_month_counts (
    period  TEXT NOT NULL,
    a       TEXT NOT NULL,
    b       TEXT NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (period, a, b)
) WITHOUT ROWID;

-- Walks the narrow index by id for `date_lo`, so the backfill never reads the wide rows.
INSERT INTO pair_month_counts (period, a, b, n)
    SELECT coalesce(substr(e.date_lo, 1, 7), ''), p1.name, p2.name, count(*)
    FROM participants p1
    JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
    JOIN events e INDEXED BY events_narrow ON e.event_id = p1.event_id
    GROUP BY 1, 2, 3;

-- A participant arrives after its event (the foreign key needs it), so its period is known.
CREATE TRIGGER participants_pair_month_insert AFTER INSERT ON participants BEGIN
    INSERT INTO pair_month_counts (period, a, b, n)
        SELECT coalesce(substr(e.date_lo, 1, 7), ''), min(new.name, p.name), max(new.name, p.name), 1
        FROM participants p JOIN events e ON e.event_id = new.event_id
        WHERE p.event_id = new.event_id AND p.name <> new.name
        ON CONFLICT (period, a, b) DO UPDATE SET n = n + 1;
END;
-- Deleting an event uncounts all of its pairs while its participants are still there: the
-- cascade deletes them after the event row is gone, when their period cannot be looked up.
CREATE TRIGGER events_pair_month_delete BEFORE DELETE ON events BEGIN
    UPDATE pair_month_counts SET n = n - 1
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '')
          AND (a, b) IN (SELECT p1.name, p2.name FROM participants p1
                         JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
                         WHERE p1.event_id = old.event_id);
    DELETE FROM pair_month_counts
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '') AND n <= 0
          AND (a, b) IN (SELECT p1.name, p2.name FROM participants p1
                         JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
                         WHERE p1.event_id = old.event_id);
END;
-- A participant deleted on its own (its event stays) uncounts the pairs it formed; one deleted
-- by the cascade finds no event and was uncounted above.
CREATE TRIGGER participants_pair_month_delete AFTER DELETE ON participants
WHEN EXISTS (SELECT 1 FROM events WHERE event_id = old.event_id) BEGIN
    UPDATE pair_month_counts SET n = n - 1
        WHERE period = (SELECT coalesce(substr(date_lo, 1, 7), '') FROM events
                        WHERE event_id = old.event_id)
          AND (a, b) IN (SELECT min(old.name, p.name), max(old.name, p.name) FROM participants p
                         WHERE p.event_id = old.event_id AND p.name <> old.name);
    DELETE FROM pair_month_counts
        WHERE period = (SELECT coalesce(substr(date_lo, 1, 7), '') FROM events
                        WHERE event_id = old.event_id)
          AND n <= 0
          AND (a, b) IN (SELECT min(old.name, p.name), max(old.name, p.name) FROM participants p
                         WHERE p.event_id = old.event_id AND p.name <> old.name);
END;
-- An event whose date moves to another month moves its pairs along.
CREATE TRIGGER events_pair_month_update AFTER UPDATE OF date_lo ON events
WHEN coalesce(substr(old.date_lo, 1, 7), '') <> coalesce(substr(new.date_lo, 1, 7), '') BEGIN
    UPDATE pair_month_counts SET n = n - 1
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '')
          AND (a, b) IN (SELECT p1.name, p2.name FROM participants p1
                         JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
                         WHERE p1.event_id = new.event_id);
    DELETE FROM pair_month_counts
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '') AND n <= 0
          AND (a, b) IN (SELECT p1.name, p2.name FROM participants p1
                         JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
                         WHERE p1.event_id = new.event_id);
    INSERT INTO pair_month_counts (period, a, b, n)
        SELECT coalesce(substr(new.date_lo, 1, 7), ''), p1.name, p2.name, 1
        FROM participants p1
        JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
        WHERE p1.event_id = new.event_id
        ON CONFLICT (period, a, b) DO UPDATE SET n = n + 1;
END;
"#,
    // 4 -> 5: merged events in a rowid table. A merged record (~1.5 KB of JSON) is larger than
    // what a page of a WITHOUT ROWID table keeps in place (~1 KB for 4 KB pages), so in v4 every
    // record spilled into an overflow page of its own: `events` took 320 MB for 100 MB of input,
    // every merged event written cost a leaf and an overflow page, and an actor query copied
    // each record out of its chain. In a rowid table a record of up to ~4 KB stays in its leaf.
    // `event_id` stays the key other tables refer to (a UNIQUE column). The rebuild needs foreign
    // keys off (dropping `events` would cascade into `participants`), which
    // [`migrate_until`] does around this migration; the triggers that read `events` are dropped
    // first (a rename checks every trigger) and created again as v3 and v4 made them. Also
    // dropped: `events_date` (`events_list` starts with the same column) and `documents_hash`
    // (no query reads it), two index writes per row less. The full-text index is no longer
    // filled by a trigger on each new mention: FTS5 writes its pending terms to disk at every
    // statement that touches it (a new segment per mention, merged again and again), so
    // [`crate::Store::write_batch`] indexes the mentions of a batch in one statement, in the
    // batch's transaction. Deleting and updating mentions keep their triggers. The participant
    // names of merge blocks are folded by [`fold_blocks`] after this SQL.
    r#"
DROP TRIGGER IF EXISTS mentions_fts_insert;
DROP TRIGGER IF EXISTS events_agg_insert;
DROP TRIGGER IF EXISTS events_agg_delete;
DROP TRIGGER IF EXISTS events_agg_update;
DROP TRIGGER IF EXISTS participants_pair_month_insert;
DROP TRIGGER IF EXISTS events_pair_month_delete;
DROP TRIGGER IF EXISTS participants_pair_month_delete;
DROP TRIGGER IF EXISTS events_pair_month_update;
DROP TABLE IF EXISTS events_v5;
DROP INDEX IF EXISTS documents_hash;

CREATE TABLE events_v5 (
    id                INTEGER PRIMARY KEY,
    event_id          TEXT NOT NULL UNIQUE,
    block             TEXT NOT NULL,
    type              TEXT NOT NULL,
    status            TEXT NOT NULL,
    date              TEXT,
    date_precision    TEXT NOT NULL,
    date_lo           TEXT,
    date_hi           TEXT,
    location          TEXT,
    location_country  TEXT,
    num_articles      INTEGER NOT NULL,
    num_sources       INTEGER NOT NULL,
    num_conflicts     INTEGER NOT NULL,
    record            TEXT NOT NULL
);
INSERT INTO events_v5 (event_id, block, type, status, date, date_precision, date_lo, date_hi,
                       location, location_country, num_articles, num_sources, num_conflicts, record)
    SELECT event_id, block, type, status, date, date_precision, date_lo, date_hi,
           location, location_country, num_articles, num_sources, num_conflicts, record
    FROM events ORDER BY block, event_id;
DROP TABLE events;
ALTER TABLE events_v5 RENAME TO events;
CREATE INDEX events_block ON events (block);
CREATE INDEX events_list ON events (date_lo, event_id, date_hi, type, status, num_conflicts);
CREATE INDEX events_narrow ON events (event_id, date_lo, date_hi, type, status, num_conflicts);

CREATE TRIGGER events_agg_insert AFTER INSERT ON events BEGIN
    INSERT INTO month_counts (period, type, status, n, conflicts)
        VALUES (coalesce(substr(new.date_lo, 1, 7), ''), new.type, new.status, 1,
                new.num_conflicts > 0)
        ON CONFLICT (period, type, status) DO UPDATE
        SET n = n + 1, conflicts = conflicts + (new.num_conflicts > 0);
END;
CREATE TRIGGER events_agg_delete AFTER DELETE ON events BEGIN
    UPDATE month_counts SET n = n - 1, conflicts = conflicts - (old.num_conflicts > 0)
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '') AND type = old.type
          AND status = old.status;
    DELETE FROM month_counts
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '') AND type = old.type
          AND status = old.status AND n <= 0;
END;
CREATE TRIGGER events_agg_update AFTER UPDATE OF date_lo, type, status, num_conflicts ON events BEGIN
    UPDATE month_counts SET n = n - 1, conflicts = conflicts - (old.num_conflicts > 0)
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '') AND type = old.type
          AND status = old.status;
    INSERT INTO month_counts (period, type, status, n, conflicts)
        VALUES (coalesce(substr(new.date_lo, 1, 7), ''), new.type, new.status, 1,
                new.num_conflicts > 0)
        ON CONFLICT (period, type, status) DO UPDATE
        SET n = n + 1, conflicts = conflicts + (new.num_conflicts > 0);
    DELETE FROM month_counts WHERE n <= 0;
END;
CREATE TRIGGER participants_pair_month_insert AFTER INSERT ON participants BEGIN
    INSERT INTO pair_month_counts (period, a, b, n)
        SELECT coalesce(substr(e.date_lo, 1, 7), ''), min(new.name, p.name), max(new.name, p.name), 1
        FROM participants p JOIN events e ON e.event_id = new.event_id
        WHERE p.event_id = new.event_id AND p.name <> new.name
        ON CONFLICT (period, a, b) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER events_pair_month_delete BEFORE DELETE ON events BEGIN
    UPDATE pair_month_counts SET n = n - 1
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '')
          AND (a, b) IN (SELECT p1.name, p2.name FROM participants p1
                         JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
                         WHERE p1.event_id = old.event_id);
    DELETE FROM pair_month_counts
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '') AND n <= 0
          AND (a, b) IN (SELECT p1.name, p2.name FROM participants p1
                         JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
                         WHERE p1.event_id = old.event_id);
END;
CREATE TRIGGER participants_pair_month_delete AFTER DELETE ON participants
WHEN EXISTS (SELECT 1 FROM events WHERE event_id = old.event_id) BEGIN
    UPDATE pair_month_counts SET n = n - 1
        WHERE period = (SELECT coalesce(substr(date_lo, 1, 7), '') FROM events
                        WHERE event_id = old.event_id)
          AND (a, b) IN (SELECT min(old.name, p.name), max(old.name, p.name) FROM participants p
                         WHERE p.event_id = old.event_id AND p.name <> old.name);
    DELETE FROM pair_month_counts
        WHERE period = (SELECT coalesce(substr(date_lo, 1, 7), '') FROM events
                        WHERE event_id = old.event_id)
          AND n <= 0
          AND (a, b) IN (SELECT min(old.name, p.name), max(old.name, p.name) FROM participants p
                         WHERE p.event_id = old.event_id AND p.name <> old.name);
END;
CREATE TRIGGER events_pair_month_update AFTER UPDATE OF date_lo ON events
WHEN coalesce(substr(old.date_lo, 1, 7), '') <> coalesce(substr(new.date_lo, 1, 7), '') BEGIN
    UPDATE pair_month_counts SET n = n - 1
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '')
          AND (a, b) IN (SELECT p1.name, p2.name FROM participants p1
                         JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
                         WHERE p1.event_id = new.event_id);
    DELETE FROM pair_month_counts
        WHERE period = coalesce(substr(old.date_lo, 1, 7), '') AND n <= 0
          AND (a, b) IN (SELECT p1.name, p2.name FROM participants p1
                         JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
                         WHERE p1.event_id = new.event_id);
    INSERT INTO pair_month_counts (period, a, b, n)
        SELECT coalesce(substr(new.date_lo, 1, 7), ''), p1.name, p2.name, 1
        FROM participants p1
        JOIN participants p2 ON p2.event_id = p1.event_id AND p1.name < p2.name
        WHERE p1.event_id = new.event_id
        ON CONFLICT (period, a, b) DO UPDATE SET n = n + 1;
END;
"#,
    // 5 -> 6: each participant row carries the list columns of its event (`date_lo`, `date_hi`,
    // `type`, `status`, `num_conflicts`), and `participants_dated` orders an actor's rows by
    // date, so the pages of one actor (or of a pair, from the rarer of the two) read one range of
    // one narrow index, already in the list order, instead of probing `events` once for each of
    // the actor's events (50,000 probes for a frequent actor of the 1M benchmark store, and the
    // same again for its stats, timeline and date span). The merge writes the columns with the
    // row; the triggers below fill them for any other writer and follow an event whose columns
    // change. `participants_country_dated` does the same for the events of a country.
    // `participants_name (name, event_id)` and `participants_country (country, event_id)` go:
    // the new indexes start with the same column and carry `event_id`, so every lookup reads
    // them instead, and the writes per participant row stay two index entries. The columns are added by [`ADDED_COLUMNS`] (nullable: adding them rewrites no
    // row; the backfill below does, once).
    r#"
DROP TRIGGER IF EXISTS participants_event_columns;
DROP TRIGGER IF EXISTS events_participant_columns;
DROP INDEX IF EXISTS participants_dated;
DROP INDEX IF EXISTS participants_country_dated;
DROP INDEX IF EXISTS participants_name;
DROP INDEX IF EXISTS participants_country;

-- Walks the narrow index by id, so the backfill never reads the wide rows of `events`.
UPDATE participants SET (date_lo, date_hi, type, status, num_conflicts) =
    (SELECT e.date_lo, e.date_hi, e.type, e.status, e.num_conflicts
     FROM events e INDEXED BY events_narrow WHERE e.event_id = participants.event_id);

-- An actor's events in the list order (date_lo, event_id), with the columns the filters check;
-- and a country's, replacing `participants_country (country, event_id)` the same way.
CREATE INDEX participants_dated
    ON participants (name, date_lo, event_id, date_hi, type, status, num_conflicts);
CREATE INDEX participants_country_dated
    ON participants (country, date_lo, event_id, date_hi, type, status, num_conflicts);

-- A participant written without its event's columns (by anything but the merge, which writes
-- them) copies them from its event, which exists already (the foreign key needs it).
CREATE TRIGGER participants_event_columns AFTER INSERT ON participants
WHEN new.type IS NULL BEGIN
    UPDATE participants SET (date_lo, date_hi, type, status, num_conflicts) =
        (SELECT e.date_lo, e.date_hi, e.type, e.status, e.num_conflicts FROM events e
         WHERE e.event_id = new.event_id)
    WHERE event_id = new.event_id AND name = new.name;
END;
-- An event whose list columns change takes its participant rows along.
CREATE TRIGGER events_participant_columns
AFTER UPDATE OF date_lo, date_hi, type, status, num_conflicts ON events BEGIN
    UPDATE participants SET date_lo = new.date_lo, date_hi = new.date_hi, type = new.type,
                            status = new.status, num_conflicts = new.num_conflicts
    WHERE event_id = new.event_id;
END;
"#,
    // 6 -> 7: the event a mention belongs to moves out of `mentions` into a narrow table of its
    // own. The merge sets it for every report it places; as a column of `mentions` that rewrote
    // the whole row (record, evidence and context: ~2 KB) and its `mentions_event` index entry
    // for a 16-byte id (sqlite3 emulation of a first merge of the 20 MB benchmark store: 0.30
    // CPU s of ~1.5). `mention_events` holds one row per placed report; a report of a deleted
    // document takes its row along by cascade. No index on `event_id`: nothing looks reports up
    // by event (the full-text filter goes from report to event). The copy of the old column and
    // its drop are a Rust step ([`move_mention_events`]), run only while the column exists.
    r#"
CREATE TABLE IF NOT EXISTS mention_events (
    mention_id  INTEGER PRIMARY KEY REFERENCES mentions (id) ON DELETE CASCADE,
    event_id    TEXT NOT NULL
);
"#,
];

/// Columns a migration adds, before its SQL runs: `(migration index, table, column, type)`.
/// Added only when missing, so that, like the rest of the migrations, they can run again on a
/// database whose version number was set back by hand (SQLite has no `ADD COLUMN IF NOT EXISTS`).
const ADDED_COLUMNS: &[(usize, &str, &str, &str)] = &[
    // 3 -> 4: nullable, so adding them rewrites no row.
    (3, "mentions", "context_before", "TEXT"),
    (3, "mentions", "context_after", "TEXT"),
    // 5 -> 6: copies of the event's list columns, filled by the migration's backfill.
    (5, "participants", "date_lo", "TEXT"),
    (5, "participants", "date_hi", "TEXT"),
    (5, "participants", "type", "TEXT"),
    (5, "participants", "status", "TEXT"),
    (5, "participants", "num_conflicts", "INTEGER"),
];

fn has_column(conn: &Connection, table: &str, column: &str) -> Result<bool, StoreError> {
    let mut st = conn.prepare("SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2")?;
    Ok(st.exists([table, column])?)
}

/// Sets the connection options every parley connection uses.
pub(crate) fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// The schema version of an open database: `None` for an empty file.
pub(crate) fn current_version(conn: &Connection) -> Result<Option<i64>, StoreError> {
    let has_table: bool = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
            [],
            |_| Ok(true),
        )
        .optional()?
        .unwrap_or(false);
    if !has_table {
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if objects == 0 {
            return Ok(None);
        }
        return Err(StoreError::NotParley);
    }
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app != APPLICATION_ID {
        return Err(StoreError::NotParley);
    }
    let v: i64 = conn.query_row("SELECT version FROM schema_version", [], |r| r.get(0))?;
    Ok(Some(v))
}

/// Brings the database to [`SCHEMA_VERSION`], each migration in its own transaction.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_until(conn, SCHEMA_VERSION)
}

/// Brings an empty (or older) database to schema `version` and no further, running the
/// migrations an older parley ran: the SQL of past versions is never edited, only appended to,
/// so this makes the very database that parley wrote. For tests of the migrations (a store of an
/// older version, opened by [`crate::Store::open`], must migrate without losing anything); a
/// `version` above [`SCHEMA_VERSION`] is refused like a newer database.
#[doc(hidden)]
pub fn create_at_version(conn: &mut Connection, version: i64) -> Result<(), StoreError> {
    configure(conn)?;
    migrate_until(conn, version)
}

fn migrate_until(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    let from = match current_version(conn)? {
        None => 0,
        Some(v) if v > SCHEMA_VERSION => {
            return Err(StoreError::TooNew {
                found: v,
                supported: SCHEMA_VERSION,
            })
        }
        Some(v) => v,
    };
    if target > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: target,
            supported: SCHEMA_VERSION,
        });
    }
    let from = usize::try_from(from).unwrap_or(0);
    let until = usize::try_from(target).unwrap_or(0);
    if from < 6 && until > from {
        // A database whose version was set back by hand may hold the v6 triggers, which read
        // `events`: the rebuild of `events` by migration 4 could not rename its new table past
        // them. Migration 5 creates them again.
        conn.execute_batch(
            "DROP TRIGGER IF EXISTS participants_event_columns;
             DROP TRIGGER IF EXISTS events_participant_columns;",
        )?;
    }
    let mut merge = false;
    for (i, sql) in MIGRATIONS.iter().enumerate().take(until).skip(from) {
        let rebuild = REBUILDS.contains(&i);
        if rebuild {
            // Outside any transaction (SQLite ignores the pragma inside one): a rebuilt parent
            // table is dropped, and with foreign keys on that would delete its children.
            conn.pragma_update(None, "foreign_keys", "OFF")?;
        }
        let done = run_migration(conn, i, sql);
        if rebuild {
            conn.pragma_update(None, "foreign_keys", "ON")?;
        }
        done?;
        // The blocks the fold brought together (see `fold_blocks`) are merged after the last
        // migration, since the merge writes the current schema (v6: the event columns of
        // `participants`). A database left at an older version (tests only) keeps them pending.
        merge |= i == 4;
    }
    if merge && target == SCHEMA_VERSION {
        crate::merge_dirty(conn).map_err(|e| StoreError::Migration(format!("{e:#}")))?;
    }
    Ok(())
}

/// Migrations that rebuild a table others refer to: they run with foreign keys off, and check
/// them before committing.
const REBUILDS: &[usize] = &[4];

fn run_migration(conn: &mut Connection, i: usize, sql: &str) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    for (_, table, column, decl) in ADDED_COLUMNS.iter().filter(|c| c.0 == i) {
        if !has_column(&tx, table, column)? {
            // Names and types are constants above, never input.
            tx.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {decl};"))?;
        }
    }
    tx.execute_batch(sql)?;
    if i == 4 {
        fold_blocks(&tx)?;
    }
    if i == 6 {
        move_mention_events(&tx)?;
    }
    if REBUILDS.contains(&i) {
        let broken = tx.prepare("PRAGMA foreign_key_check")?.exists([])?;
        if broken {
            return Err(StoreError::Migration(format!(
                "migration to version {} would leave rows pointing at nothing; the database was not changed",
                i + 1
            )));
        }
    }
    let to = i64::try_from(i + 1).unwrap_or(SCHEMA_VERSION);
    tx.execute("UPDATE schema_version SET version = ?1", [to])?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

/// Part of the 6 -> 7 migration: `mentions.event_id` is copied into `mention_events` and the
/// column (and its index) dropped, in the migration's transaction. Skipped when the column is
/// already gone (a database whose version number was set back by hand).
fn move_mention_events(tx: &rusqlite::Transaction) -> Result<(), StoreError> {
    if !has_column(tx, "mentions", "event_id")? {
        return Ok(());
    }
    tx.execute_batch(
        "INSERT OR REPLACE INTO mention_events (mention_id, event_id)
             SELECT id, event_id FROM mentions WHERE event_id IS NOT NULL;
         DROP INDEX IF EXISTS mentions_event;
         ALTER TABLE mentions DROP COLUMN event_id;",
    )?;
    Ok(())
}

/// Part of the 4 -> 5 migration: merge blocks keyed by folded names ([`crate::merge::block_key`]).
/// Each v4 block becomes the folded block of its names: its mentions and merged events are
/// relabelled, which changes no merged event (for a block holding one spelling of each name the
/// event ids and records come out the same). Blocks that now gather several v4 blocks ("Kılıç"
/// and "Kilic"), or whose events named one person under two spellings, are marked for merging
/// again, in the migration's transaction; [`migrate_until`] merges them after the last migration, with
/// foreign keys on (the merge relies on their cascades), and a run killed in between leaves them
/// pending for the next merge, like an interrupted ingest.
fn fold_blocks(tx: &rusqlite::Transaction) -> Result<(), StoreError> {
    use std::collections::{BTreeMap, BTreeSet};
    // One record per v4 block is enough: the block is a function of the participant names.
    let mut folded: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut remerge: BTreeSet<String> = BTreeSet::new();
    {
        let mut st = tx.prepare(
            "SELECT m.block, m.record FROM mentions m
             JOIN (SELECT min(id) AS id FROM mentions GROUP BY block) f ON f.id = m.id",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let old: String = r.get(0)?;
            let record: String = r.get(1)?;
            let event: parley_core::Event = serde_json::from_str(&record).map_err(|e| {
                StoreError::Migration(format!(
                    "a stored mention of block {old:?} is not an event record: {e}"
                ))
            })?;
            let new = crate::merge::block_key(&event);
            let spellings: BTreeSet<&str> =
                event.participants.iter().map(|p| p.name.as_str()).collect();
            let folded_names: BTreeSet<String> = event
                .participants
                .iter()
                .map(|p| parley_core::names::fold_name(&p.name))
                .collect();
            if spellings.len() != folded_names.len() {
                remerge.insert(new.clone());
            }
            folded.entry(new).or_default().insert(old);
        }
    }
    // Pending blocks of an interrupted v4 ingest stay pending under their new key.
    let pending: BTreeSet<String> = {
        let mut st = tx.prepare("SELECT block FROM dirty_blocks")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    tx.execute("DELETE FROM dirty_blocks", [])?;
    let mut mentions = tx.prepare("UPDATE mentions SET block = ?2 WHERE block = ?1")?;
    let mut events = tx.prepare("UPDATE events SET block = ?2 WHERE block = ?1")?;
    let mut dirty = tx.prepare("INSERT OR IGNORE INTO dirty_blocks (block) VALUES (?1)")?;
    for (new, olds) in &folded {
        for old in olds {
            if old != new {
                mentions.execute([old, new])?;
                events.execute([old, new])?;
            }
            if pending.contains(old) {
                dirty.execute([new])?;
            }
        }
        if olds.len() > 1 || remerge.contains(new) {
            dirty.execute([new])?;
        }
    }
    // A pending block whose mentions are all gone (deleted documents) keeps its events until
    // merged: relabel it by its events' records is not possible, so merge it under its old key.
    for old in &pending {
        if !folded.values().any(|o| o.contains(old)) {
            dirty.execute([old])?;
        }
    }
    Ok(())
}
