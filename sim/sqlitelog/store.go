// Package sqlitelog keeps Apple's simulated identity-lookup log in a SQLite
// database, so the log outlives the program, can be queried with any SQLite
// tool, and can be turned into what police receive.
//
// Durability: the database runs in WAL mode with synchronous=FULL, so the
// WAL is fsynced at every commit and Append returns only after its row is
// on stable storage (NORMAL would survive a crash of the program but not of
// the machine). Each Append is one transaction: the row and its ground truth
// become durable together or not at all.
//
// Concurrency: in a file, appends go through one connection and reads
// through a small pool of read-only connections; WAL lets those readers see
// the last committed state while a writer appends, in this process or
// another. busy_timeout makes a second writing process wait its turn.
//
// The file is recognised by PRAGMA application_id; a file that is not a
// bluegreen database is refused before anything is written to it.
package sqlitelog

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"path/filepath"

	"bluegreen/sim"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

const driverName = "sqlite"

// readers bounds the read pool: each modernc connection carries its own
// page cache, and the TUI plus a return need only a few at once.
const readers = 4

// Store is a sim.ClockStore in SQLite. It is safe for concurrent use.
type Store struct {
	write *sql.DB // one connection: appends, purges, migrations
	read  *sql.DB // read-only pool; the same handle as write in memory
	stmts *statements
	path  string // the file, named in errors; "" in memory
}

var (
	_ sim.ClockStore = (*Store)(nil)
	_ sim.QuotaStore = (*Store)(nil)
	_ sim.LogStats   = (*Store)(nil)
)

// Open opens the log in the file at path, creating it when missing and
// migrating an older schema. A file that is not a bluegreen database is
// refused with an error wrapping ErrNotBluegreen and is left untouched.
func Open(ctx context.Context, path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := checkExisting(ctx, abs); err != nil {
		return nil, err
	}
	write, err := openPool(fileURI(abs, writeParams()), 1)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, write); err != nil {
		write.Close()
		return nil, describe(path, err)
	}
	read, err := openPool(fileURI(abs, readParams()), readers)
	if err != nil {
		write.Close()
		return nil, err
	}
	s, err := newStore(ctx, write, read)
	if err != nil {
		return nil, describe(path, err)
	}
	s.path = path
	return s, nil
}

// OpenMemory opens an empty log held in memory, gone when closed. It has a
// single connection (each SQLite connection to ":memory:" is a separate
// database), so readers wait for a writer instead of reading beside it.
func OpenMemory(ctx context.Context) (*Store, error) {
	db, err := openPool("file::memory:?_txlock=immediate", 1)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return newStore(ctx, db, db)
}

func newStore(ctx context.Context, write, read *sql.DB) (*Store, error) {
	s := &Store{write: write, read: read}
	stmts, err := prepare(ctx, write)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.stmts = stmts
	return s, nil
}

// openPool opens a pool of at most n connections that are never recycled:
// recycling the only connection of an in-memory database would empty it.
func openPool(dsn string, n int) (*sql.DB, error) {
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	return db, nil
}

// failed names the file and what its failure means (a full disk, a folder
// that cannot be written) in an error from a write.
func (s *Store) failed(err error) error {
	if s.path == "" {
		return err
	}
	return describe(s.path, err)
}

// Close releases the store; the file stays.
func (s *Store) Close() error {
	var errs []error
	if s.stmts != nil {
		errs = append(errs, s.stmts.close())
	}
	if s.read != s.write {
		errs = append(errs, s.read.Close())
	}
	errs = append(errs, s.write.Close())
	return errors.Join(errs...)
}

// busyTimeoutMS is how long a connection waits for another process's
// write lock before giving up.
const busyTimeoutMS = "5000"

// writeParams are the settings of the writing connection: WAL, a durable
// commit, and BEGIN IMMEDIATE so a transaction takes the write lock up
// front instead of failing when it upgrades from reading.
func writeParams() url.Values {
	return url.Values{
		"_journal_mode": {"WAL"},
		"_synchronous":  {"FULL"},
		"_busy_timeout": {busyTimeoutMS},
		"_txlock":       {"immediate"},
	}
}

// readParams are the settings of the reading connections: the file is
// already in WAL mode (the writer opened first), and query_only guards
// against a read path ever writing.
func readParams() url.Values {
	return url.Values{
		"_busy_timeout": {busyTimeoutMS},
		"_query_only":   {"1"},
	}
}

// readOnlyParams open a file SQLite must not change at all, for inspecting
// a file that may not be ours.
func readOnlyParams() url.Values {
	return url.Values{"mode": {"ro"}, "_busy_timeout": {busyTimeoutMS}}
}

// fileURI builds a "file:" URI for an absolute path, escaping characters
// such as '?' and '#' that would otherwise end the path.
func fileURI(abs string, params url.Values) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: params.Encode()}
	return u.String()
}
