package sqlitelog

import (
	"context"
	"database/sql"
	"fmt"
)

// ApplicationID marks a SQLite file as a bluegreen log (PRAGMA
// application_id, bytes 68–71 of the file header): "blgr" in ASCII, so
// `file(1)` and any SQLite tool can tell the file is ours.
const ApplicationID = 0x626c6772

// SchemaVersion is the schema this code writes (PRAGMA user_version).
// Version 1 held the log, its time index and the ground truth; version 2
// added the two police indexes, the server clock and a readable view;
// version 3 the design each row was written under.
// Version 4 keeps the row count and the rows per source and per lookup
// handle as rows are written, so a screen's counts never scan the log.
// Version 5 adds the class served over SSH and its roster (class.go).
const SchemaVersion = 5

// migrations returns the SQL that takes a database from version i to i+1
// at index i. A migration only ever adds to what came before, so every
// released version can be brought up to date in place.
func migrations() []string {
	return []string{
		// 0 → 1: the log as police receive it, and the simulator-only truth
		// kept in a table of its own so no query for a return can reach it.
		`CREATE TABLE log (
			id             INTEGER PRIMARY KEY AUTOINCREMENT,
			time_ns        INTEGER NOT NULL,
			source_handle  TEXT    NOT NULL,
			lookup_handle  TEXT    NOT NULL,
			client_ip      TEXT    NOT NULL,
			lookup_devices INTEGER NOT NULL
		);
		CREATE INDEX log_by_time ON log(time_ns);
		CREATE TABLE ground_truth (
			log_id   INTEGER PRIMARY KEY,
			app      TEXT    NOT NULL,
			action   TEXT    NOT NULL,
			messaged INTEGER NOT NULL DEFAULT 0
		);`,
		// 1 → 2: one index per police question — pen register (whom did the
		// source look up, when) and trap and trace (who looked the lookup
		// handle up, when) — ordered by handle, time, then ID, so a return
		// comes out oldest first without sorting. Each index also holds
		// packed_row, the whole row as one string, so a return is read from
		// the index alone (a target's rows are scattered over the table, one
		// in a hundred in a busy log, but contiguous in its index) and as one
		// column: through database/sql and the pure-Go driver every column
		// of every row costs about half a microsecond, which for a target
		// with ten thousand rows is most of a return's time. packed_row is
		// VIRTUAL: SQLite computes it from the row, so it can never disagree
		// with it, and stores it only in the indexes. The layout is
		// "<id> <time_ns> <lookup_devices> <bytes of source> <bytes of
		// lookup> <source><lookup><client_ip>" (see unpack). The server
		// clock starts at the latest row already logged, and every insert
		// moves it forward. police_log is for people reading the file with
		// sqlite3.
		`ALTER TABLE log ADD COLUMN packed_row TEXT GENERATED ALWAYS AS (
			id || ' ' || time_ns || ' ' || lookup_devices || ' ' ||
			length(CAST(source_handle AS BLOB)) || ' ' || length(CAST(lookup_handle AS BLOB)) || ' ' ||
			source_handle || lookup_handle || client_ip) VIRTUAL;
		CREATE INDEX log_by_source ON log(source_handle, time_ns, id, packed_row);
		CREATE INDEX log_by_lookup ON log(lookup_handle, time_ns, id, packed_row);
		CREATE TABLE server_clock (
			id      INTEGER PRIMARY KEY CHECK (id = 1),
			time_ns INTEGER
		);
		INSERT INTO server_clock(id, time_ns) SELECT 1, max(time_ns) FROM log;
		CREATE TRIGGER log_moves_clock AFTER INSERT ON log BEGIN
			UPDATE server_clock SET time_ns = NEW.time_ns
			WHERE id = 1 AND (time_ns IS NULL OR time_ns < NEW.time_ns);
		END;
		CREATE VIEW police_log AS
			SELECT strftime('%Y-%m-%dT%H:%M:%SZ', time_ns / 1000000000, 'unixepoch') AS time_utc,
			       source_handle, lookup_handle, client_ip, lookup_devices
			FROM log ORDER BY time_ns, id;`,
		// 2 → 3: the design in force when each row was written (rows from
		// before designs existed are Apple's). packed_row gains it, so the
		// indexes are rebuilt around the new packing: "<id> <time_ns>
		// <lookup_devices> <bytes of source> <bytes of lookup> <bytes of
		// design> <source><lookup><design><client_ip>".
		`ALTER TABLE log ADD COLUMN design TEXT NOT NULL DEFAULT 'apple';
		DROP INDEX log_by_source;
		DROP INDEX log_by_lookup;
		ALTER TABLE log DROP COLUMN packed_row;
		ALTER TABLE log ADD COLUMN packed_row TEXT GENERATED ALWAYS AS (
			id || ' ' || time_ns || ' ' || lookup_devices || ' ' ||
			length(CAST(source_handle AS BLOB)) || ' ' || length(CAST(lookup_handle AS BLOB)) || ' ' ||
			length(CAST(design AS BLOB)) || ' ' ||
			source_handle || lookup_handle || design || client_ip) VIRTUAL;
		CREATE INDEX log_by_source ON log(source_handle, time_ns, id, packed_row);
		CREATE INDEX log_by_lookup ON log(lookup_handle, time_ns, id, packed_row);
		DROP VIEW police_log;
		CREATE VIEW police_log AS
			SELECT strftime('%Y-%m-%dT%H:%M:%SZ', time_ns / 1000000000, 'unixepoch') AS time_utc,
			       source_handle, lookup_handle, client_ip, lookup_devices, design
			FROM log ORDER BY time_ns, id;`,
		// 3 → 4: counts kept by triggers in the same transaction as the row
		// they count, so they are always exact. log_stats holds the row
		// count and the number of distinct lookup handles; source_counts and
		// lookup_counts the rows per handle, for the police indexes' two
		// questions. A million-row log then answers "how many rows, how
		// many numbers" with one row read instead of a scan (which took
		// 0.6–2.3 s cold through the pure-Go driver).
		`CREATE TABLE lookup_counts (handle TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
		CREATE TABLE source_counts (handle TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
		CREATE TABLE log_stats (
			id      INTEGER PRIMARY KEY CHECK (id = 1),
			rows    INTEGER NOT NULL,
			lookups INTEGER NOT NULL
		);
		INSERT INTO lookup_counts SELECT lookup_handle, count(*) FROM log GROUP BY lookup_handle;
		INSERT INTO source_counts SELECT source_handle, count(*) FROM log GROUP BY source_handle;
		INSERT INTO log_stats SELECT 1, (SELECT count(*) FROM log), (SELECT count(*) FROM lookup_counts);
		CREATE TRIGGER log_counts_insert AFTER INSERT ON log BEGIN
			UPDATE log_stats SET rows = rows + 1,
				lookups = lookups + NOT EXISTS (SELECT 1 FROM lookup_counts WHERE handle = NEW.lookup_handle)
			WHERE id = 1;
			INSERT INTO lookup_counts(handle, n) VALUES (NEW.lookup_handle, 1)
				ON CONFLICT(handle) DO UPDATE SET n = n + 1;
			INSERT INTO source_counts(handle, n) VALUES (NEW.source_handle, 1)
				ON CONFLICT(handle) DO UPDATE SET n = n + 1;
		END;
		CREATE TRIGGER log_counts_delete AFTER DELETE ON log BEGIN
			UPDATE log_stats SET rows = rows - 1,
				lookups = lookups - coalesce((SELECT n = 1 FROM lookup_counts WHERE handle = OLD.lookup_handle), 0)
			WHERE id = 1;
			UPDATE lookup_counts SET n = n - 1 WHERE handle = OLD.lookup_handle;
			DELETE FROM lookup_counts WHERE handle = OLD.lookup_handle AND n <= 0;
			UPDATE source_counts SET n = n - 1 WHERE handle = OLD.source_handle;
			DELETE FROM source_counts WHERE handle = OLD.source_handle AND n <= 0;
		END;`,
		// 4 → 5: the class served over SSH, so a restarted server gives a
		// returning student the same phone. class is the one class the file
		// holds (its scenario and when it began, on the class clock);
		// class_students its roster in join order. A student is known by
		// the SHA256 fingerprint of their SSH key, never the key itself,
		// and the class code is not kept at all. The UNIQUE constraints
		// say what two students may never share; the loader checks them
		// again, since anyone with sqlite3 can edit the file.
		`CREATE TABLE class (
			id       INTEGER PRIMARY KEY CHECK (id = 1),
			scenario TEXT    NOT NULL,
			began_ns INTEGER NOT NULL
		);
		CREATE TABLE class_students (
			seat       INTEGER PRIMARY KEY,
			name       TEXT    NOT NULL UNIQUE,
			number     TEXT    NOT NULL UNIQUE,
			wifi_ip    TEXT    NOT NULL UNIQUE,
			cell_ip    TEXT    NOT NULL UNIQUE,
			android    INTEGER NOT NULL CHECK (android IN (0, 1)),
			key_sha256 TEXT    UNIQUE,
			joined_ns  INTEGER NOT NULL
		);`,
	}
}

// migrate brings db up to SchemaVersion, one version per transaction, and
// stamps the application ID in the same transaction as the first table so
// a half-created file is never mistaken for ours. BEGIN IMMEDIATE (set in
// the DSN) makes two processes opening the same new file take turns.
func migrate(ctx context.Context, db *sql.DB) error {
	steps := migrations()
	for {
		done, err := migrateOnce(ctx, db, steps)
		if err != nil || done {
			return err
		}
	}
}

// migrateOnce applies the next migration, if any; done says none was left.
func migrateOnce(ctx context.Context, db *sql.DB, steps []string) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("starting a migration: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, fmt.Errorf("reading the schema version: %w", err)
	}
	switch {
	case version == len(steps):
		return true, nil
	case version < 0:
		return false, fmt.Errorf("%w: schema version %d, which no bluegreen writes", ErrNotBluegreen, version)
	case version > len(steps):
		return false, fmt.Errorf("%w: schema version %d, this bluegreen knows up to %d", ErrNewerSchema, version, len(steps))
	}
	if _, err := tx.ExecContext(ctx, steps[version]); err != nil {
		return false, fmt.Errorf("migrating the schema from version %d: %w", version, err)
	}
	stamp := fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d", ApplicationID, version+1)
	if _, err := tx.ExecContext(ctx, stamp); err != nil {
		return false, fmt.Errorf("stamping schema version %d: %w", version+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("committing schema version %d: %w", version+1, err)
	}
	return false, nil
}
