//go:build !unix

package sqlitelog

import "errors"

var errReadOnlyFS = errors.New("read-only file system")

// writable cannot ask the operating system here; the generic advice stands.
func writable(string) error { return nil }

func fileSizeLimitReached(string) (int64, bool) { return 0, false }

func freeSpace(string) (int64, bool) { return 0, false }
