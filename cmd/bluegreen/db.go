package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"
)

// openLog opens Apple's log: the SQLite database at path (created when
// missing), or a log in memory when path is empty. A file that is not a
// bluegreen database is the user's mistake (exit 2); a database that fails
// to open for other reasons is not (exit 1).
func openLog(ctx context.Context, path string) (sim.LogStore, error) {
	if path == "" {
		return sim.NewMemoryLog(), nil
	}
	if dir := filepath.Dir(path); !isDir(dir) {
		return nil, fmt.Errorf("--db %s: the folder %s does not exist", path, dir)
	}
	store, err := sqlitelog.Open(ctx, path)
	switch {
	case errors.Is(err, sqlitelog.ErrNotBluegreen):
		return nil, fmt.Errorf("--db: %w; it was left untouched — give a new file name or a bluegreen database", err)
	case errors.Is(err, sqlitelog.ErrNewerSchema):
		return nil, fmt.Errorf("--db: %w; use a newer bluegreen", err)
	case errors.Is(err, sqlitelog.ErrUnwritable):
		return nil, fmt.Errorf("--db: %w; give a path in a folder you can write to", err)
	case errors.Is(err, sqlitelog.ErrBusy):
		return nil, internal(fmt.Errorf("--db: %w; try again when the other bluegreen is done", err))
	case err != nil:
		return nil, internal(fmt.Errorf("--db: %w", err))
	}
	return store, nil
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// serverTime is the clock a database remembers; zero for memory or a new file.
func serverTime(ctx context.Context, store sim.LogStore) (time.Time, error) {
	cs, ok := store.(sim.ClockStore)
	if !ok {
		return time.Time{}, nil
	}
	t, err := cs.ServerTime(ctx)
	if err != nil {
		return time.Time{}, internal(err)
	}
	return t, nil
}

// closeWorld releases the world's log, keeping the first error: a failed
// close of a database may mean the last rows were not saved.
func closeWorld(w *sim.World, err *error) {
	if cerr := w.Server.Log().Close(); cerr != nil && *err == nil {
		*err = internal(fmt.Errorf("closing Apple's log: %w", cerr))
	}
}
