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

// ErrDiskFull is returned (wrapped) when the file cannot grow: its disk is
// full, or it has reached the system's file-size limit. The write that
// failed was rolled back; every row committed before it is kept.
var ErrDiskFull = errors.New("the disk is full: the log cannot grow")

// ErrWriteFailed is returned (wrapped) when the operating system failed a
// write to the file for another reason (SQLite's "disk I/O error"). As
// with ErrDiskFull, the failed write was rolled back and nothing committed
// is lost.
var ErrWriteFailed = errors.New("writing to the disk failed")

// ErrUnwritable is returned (wrapped) when the file or its folder cannot
// be written: a read-only file system, or permissions.
var ErrUnwritable = errors.New("cannot be written")

// rowsKept is what a failed write leaves, said once in every such error.
const rowsKept = "every row logged before it is kept"

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
// what they are, naming the file.
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
		return fmt.Errorf("%s: %w; %s — free some space and try again (%v)", path, ErrDiskFull, rowsKept, err)
	case sqlite3.SQLITE_IOERR:
		// SQLite reports a full disk as an I/O error when the failed write
		// was its shared-memory file's or the kernel refused a write
		// outright: ask the file system.
		if limit, ok := fileSizeLimitReached(path); ok {
			return fmt.Errorf("%s: %w (it has reached the file-size limit of %d bytes, ulimit -f); %s (%v)", path, ErrDiskFull, limit, rowsKept, err)
		}
		if free, ok := freeSpace(filepath.Dir(path)); ok && free < almostFull {
			return fmt.Errorf("%s: %w (%d KiB free); %s — free some space and try again (%v)", path, ErrDiskFull, free>>10, rowsKept, err)
		}
		return fmt.Errorf("%s: %w; %s (%v)", path, ErrWriteFailed, rowsKept, err)
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
		return fmt.Errorf("%s: %w: %s (%v)", path, ErrUnwritable, whyUnwritable(path), err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// almostFull is the free space under which an I/O error is taken to be a
// full disk: SQLite's shared-memory file alone needs 32 KiB.
const almostFull = 1 << 20

// whyUnwritable asks the operating system why path cannot be written: the
// file itself, or else its folder, where SQLite must create the file (when
// new) and its -wal and -shm files.
func whyUnwritable(path string) string {
	dir := filepath.Dir(path)
	if exists(path) {
		if why := unwritable(path, "the file"); why != "" {
			return why
		}
	}
	if why := unwritable(dir, "its folder "+dir); why != "" {
		return why + " (SQLite keeps its -wal and -shm files beside the log)"
	}
	return "check that the file and its folder " + dir + " are writable"
}

// unwritable says why path, called what, cannot be written; "" if it can.
func unwritable(path, what string) string {
	switch err := writable(path); {
	case errors.Is(err, errReadOnlyFS):
		return what + " is on a read-only file system"
	case errors.Is(err, fs.ErrPermission):
		return "you may not write to " + what
	}
	return ""
}
