package sqlitelog

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrNotBluegreen is returned (wrapped) when a file exists but is not a
// bluegreen log: random bytes, or another application's SQLite database.
// The file has not been written to.
var ErrNotBluegreen = errors.New("not a bluegreen database")

// ErrNewerSchema is returned (wrapped) when the file was written by a newer
// bluegreen whose schema this one does not know.
var ErrNewerSchema = errors.New("database written by a newer bluegreen")

// ErrBusy is returned (wrapped) when another process held the file's lock
// for longer than the busy timeout: the file is fine, and trying again
// later will work.
var ErrBusy = errors.New("the database is busy: another process kept it locked")

// sqliteMagic opens every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// checkExisting decides, without writing a byte, whether path may be opened
// for writing: it is missing (it will be created), empty, or a bluegreen
// database. Anything else is refused, because opening it read-write would
// already change it (switching it to WAL rewrites its header).
func checkExisting(ctx context.Context, path string) error {
	return leavingNoTrace(path, func() error { return inspectFile(ctx, path) })
}

// sideFiles are the files SQLite keeps beside a database in WAL mode.
func sideFiles(path string) []string { return []string{path + "-wal", path + "-shm"} }

// leavingNoTrace runs check and, when it refuses the file, removes the
// side files SQLite created while looking: a refused file is left exactly
// as it was found.
func leavingNoTrace(path string, check func() error) error {
	var created []string
	for _, f := range sideFiles(path) {
		if !exists(f) {
			created = append(created, f)
		}
	}
	err := check()
	if err != nil {
		for _, f := range created {
			os.Remove(f) //nolint:errcheck // best effort: it may never have been created
		}
	}
	return err
}

func inspectFile(ctx context.Context, path string) error {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s: %w (not a regular file)", path, ErrNotBluegreen)
	}
	header, err := readHeader(path)
	if err != nil {
		return err
	}
	if len(header) == 0 && !exists(path+"-wal") {
		return nil // an empty file, e.g. from mktemp: nothing to lose
	}
	if len(header) > 0 && !bytes.HasPrefix(header, []byte(sqliteMagic)) {
		return fmt.Errorf("%s: %w (not a SQLite file)", path, ErrNotBluegreen)
	}
	return inspect(ctx, path)
}

// readHeader returns up to the first 100 bytes, the SQLite file header.
func readHeader(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 100)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:n], nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// inspect asks SQLite itself, through a read-only connection, for the
// application ID and schema version. The raw header is not enough: in WAL
// mode a fresh bluegreen file's header may still sit in the -wal file.
func inspect(ctx context.Context, path string) error {
	db, err := sql.Open(driverName, fileURI(path, readOnlyParams()))
	if err != nil {
		return err
	}
	defer db.Close()
	var appID, version, objects int
	err = db.QueryRowContext(ctx, "SELECT (SELECT application_id FROM pragma_application_id), "+
		"(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)").Scan(&appID, &version, &objects)
	switch {
	case err != nil:
		return describe(path, err)
	case appID == ApplicationID:
		return checkVersion(path, version)
	case appID == 0 && version == 0 && objects == 0:
		return nil // a blank SQLite file holds nothing to protect
	case appID == 0:
		return fmt.Errorf("%s: %w (a SQLite database of another application: it has no bluegreen application ID)", path, ErrNotBluegreen)
	}
	return fmt.Errorf("%s: %w (a SQLite database of another application: application ID %#x)", path, ErrNotBluegreen, uint32(appID))
}

func checkVersion(path string, version int) error {
	if version < 0 {
		return fmt.Errorf("%s: %w (schema version %d, which no bluegreen writes)", path, ErrNotBluegreen, version)
	}
	if version > SchemaVersion {
		return fmt.Errorf("%s: %w (schema version %d, this bluegreen knows up to %d)", path, ErrNewerSchema, version, SchemaVersion)
	}
	return nil
}

// describe says what an SQLite error means for the file at path: only an
// error about its content makes it "not a bluegreen database"; a lock held
// too long, a full disk or a folder that cannot be written are reported as
// what they are.
func describe(path string, err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return fmt.Errorf("%s: %w", path, err)
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("%s: %w (%v)", path, ErrBusy, err)
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("%s: %w (SQLite cannot read it: %v)", path, ErrNotBluegreen, err)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("%s: the disk is full (%v)", path, err)
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		return fmt.Errorf("%s: cannot be opened for writing here: check that the file and its folder %s are writable (%v)", path, filepath.Dir(path), err)
	}
	return fmt.Errorf("%s: %w", path, err)
}
