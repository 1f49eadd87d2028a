package sqlitelog_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"bluegreen/sim"
)

// TestReadersKeepWorkingWhileAWriterAppends reads from the writer's own store
// and from a second store on the same file (as the TUI and a command line
// would) while rows are being appended. Every read must succeed and see a
// consistent, ordered, growing log.
func TestReadersKeepWorkingWhileAWriterAppends(t *testing.T) {
	const appends = 150
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "log.db")
	writer := openAt(t, path)
	other := openAt(t, path)

	var done atomic.Bool
	var midway atomic.Int64 // reads that saw some but not all rows
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i, store := range []sim.LogStore{writer, writer, other, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := readUntilDone(ctx, store, &done, &midway, appends); err != nil {
				errs <- fmt.Errorf("reader %d: %w", i, err)
			}
		}()
	}
	for i := range appends {
		e := sim.LogEntry{Time: t0.Add(time.Duration(i) * time.Minute), SourceHandle: you, LookupHandle: ana, ClientIP: "203.0.113.24", LookupDevices: 3}
		if _, err := writer.Append(ctx, e, sim.Truth{App: "Messages"}); err != nil {
			t.Fatalf("Append %d: %v", i, err)
		}
	}
	done.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if midway.Load() == 0 {
		t.Error("no read happened while the writer was appending")
	}
	if n, err := other.Count(ctx, sim.LogFilter{}); err != nil || n != appends {
		t.Errorf("second store sees %d rows, %v; want %d", n, err, appends)
	}
}

// readUntilDone reads the log in a loop until the writer is done, checking
// that counts never go back and rows stay in time order.
func readUntilDone(ctx context.Context, store sim.LogStore, done *atomic.Bool, midway *atomic.Int64, total int) error {
	last := 0
	for !done.Load() {
		rows, err := store.Entries(ctx, sim.LogFilter{Source: you})
		if err != nil {
			return err
		}
		if len(rows) < last {
			return fmt.Errorf("saw %d rows after %d", len(rows), last)
		}
		for i := 1; i < len(rows); i++ {
			if rows[i].Time.Before(rows[i-1].Time) {
				return fmt.Errorf("rows out of order at %d", i)
			}
		}
		if len(rows) > 0 && len(rows) < total {
			midway.Add(1)
		}
		last = len(rows)
		if _, err := store.Count(ctx, sim.LogFilter{Lookup: ana}); err != nil {
			return err
		}
	}
	return nil
}
