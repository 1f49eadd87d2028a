//go:build unix

package sqlitelog

import (
	"errors"
	"os"
	"syscall"
)

// errReadOnlyFS is what writable reports for a read-only file system.
var errReadOnlyFS = syscall.EROFS

// writable asks the kernel whether this process may write to path,
// without writing.
func writable(path string) error {
	err := syscall.Access(path, 2 /* W_OK */)
	if errors.Is(err, syscall.EACCES) {
		return os.ErrPermission
	}
	return err
}

// fileSizeLimitReached reports whether the file or its write-ahead log has
// reached the process's RLIMIT_FSIZE, which makes a write fail as a full
// disk would.
func fileSizeLimitReached(path string) (int64, bool) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil || lim.Cur > 1<<62 {
		return 0, false
	}
	for _, f := range append([]string{path}, sideFiles(path)...) {
		if info, err := os.Stat(f); err == nil && uint64(info.Size())+pageSize > lim.Cur {
			return int64(lim.Cur), true
		}
	}
	return 0, false
}

// pageSize is the most a write to a SQLite file adds at once (its default
// page size, plus the WAL's frame header rounded up).
const pageSize = 4096 + 64

// freeSpace is the space left to this process on the file system of dir.
func freeSpace(dir string) (int64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return int64(st.Bavail) * int64(st.Bsize), true //nolint:unconvert // the fields' types differ between systems
}
