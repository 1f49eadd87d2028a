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
)

// ErrNotBluegreen is returned (wrapped) when a file exists but is not a
// bluegreen log: random bytes, or another application's SQLite database.
// The file has not been written to.
var ErrNotBluegreen = errors.New("not a bluegreen database")

// ErrNewerSchema is returned (wrapped) when the file was written by a newer
// bluegreen whose schema this one does not know.
var ErrNewerSchema = errors.New("database written by a newer bluegreen")

// sqliteMagic opens every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// checkExisting decides, without writing a byte, whether path may be opened
// for writing: it is missing (it will be created), empty, or a bluegreen
// database. Anything else is refused, because opening it read-write would
// already change it (switching it to WAL rewrites its header).
func checkExisting(ctx context.Context, path string) error {
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
		return fmt.Errorf("%s: %w (SQLite cannot read it: %v)", path, ErrNotBluegreen, err)
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
	if version > SchemaVersion {
		return fmt.Errorf("%s: %w (schema version %d, this bluegreen knows up to %d)", path, ErrNewerSchema, version, SchemaVersion)
	}
	return nil
}
