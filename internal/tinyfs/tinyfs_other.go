//go:build !linux

package tinyfs

import (
	"errors"
	"testing"
)

var errNoMount = errors.New("mounting a tmpfs needs Linux")

func mountTmpfs(*testing.T, int) (string, error) { return "", errNoMount }

func remountReadOnly(string) error { return errNoMount }

func limitFileSize(t *testing.T, _ int) {
	t.Skip("no RLIMIT_FSIZE here: a full disk needs Linux to simulate")
}

func lowerFileSizeLimit(t *testing.T, _ int64) { t.Skip("no RLIMIT_FSIZE here") }

func freeBytes(string) (int64, error) { return 0, errNoMount }
