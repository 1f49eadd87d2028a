// Package tinyfs gives tests folders that really run out of space or really
// refuse writes, so the errors bluegreen reports for a full disk and a
// read-only folder are tested against the operating system, not a mock.
// Tests only.
//
// Where the test may mount (root, or a container that allows it) the folder
// is a tmpfs of a few kilobytes, unmounted in t.Cleanup. Where it may not —
// a CI runner as an ordinary user — a full disk is simulated with
// RLIMIT_FSIZE in a child process running the same test (a file then cannot
// grow past the limit, as on a full disk), and a read-only folder with
// chmod 0555, which binds an ordinary user. When neither is possible the
// test is skipped with the reason.
package tinyfs

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// childEnv marks the child process a full-disk test re-runs itself in.
const childEnv = "BLUEGREEN_TINYFS_FSIZE"

// NoMountEnv, set to 1, makes the package behave as on a machine that
// forbids mounting, so the fallbacks can be tried where mount works.
const NoMountEnv = "BLUEGREEN_TINYFS_NOMOUNT"

// Full returns a folder whose files cannot grow past about size bytes in
// all, and true. When the folder can only be had in a child process (no
// mount allowed), it runs the test there, fails if the child fails, and
// returns false: the caller returns at once.
func Full(t *testing.T, size int) (string, bool) {
	t.Helper()
	if os.Getenv(childEnv) != "" {
		limitFileSize(t, size)
		return t.TempDir(), true
	}
	if dir, err := mount(t, size); err == nil {
		return dir, true
	} else {
		t.Logf("no tmpfs (%v): simulating a full disk with RLIMIT_FSIZE in a child process", err)
	}
	runChild(t)
	return "", false
}

// ReadOnly returns a folder that refuses every write, after fill has put
// files in it while it was still writable.
func ReadOnly(t *testing.T, fill func(dir string)) string {
	t.Helper()
	if dir, err := mount(t, 1<<20); err == nil {
		fill(dir)
		if err := remountReadOnly(dir); err != nil {
			t.Skipf("cannot remount %s read-only: %v", dir, err)
		}
		return dir
	} else {
		t.Logf("no tmpfs (%v): trying chmod 0555", err)
	}
	dir := t.TempDir()
	fill(dir)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Skipf("cannot make %s read-only: %v", dir, err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) }) //nolint:errcheck // so TempDir can remove it
	probe := filepath.Join(dir, ".probe")
	if f, err := os.Create(probe); err == nil {
		f.Close()
		os.Remove(probe)
		t.Skip("cannot make a read-only folder: running as root without permission to mount a tmpfs")
	}
	return dir
}

func mount(t *testing.T, size int) (string, error) {
	if os.Getenv(NoMountEnv) == "1" {
		return "", errors.New(NoMountEnv + "=1")
	}
	return mountTmpfs(t, size)
}

// runChild re-runs the current test alone in a child process under the
// file-size limit, and reports its outcome as the test's.
func runChild(t *testing.T) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot re-run the test binary: %v", err)
	}
	cmd := exec.Command(exe, "-test.run=^"+regexp.QuoteMeta(t.Name())+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	out, err := cmd.CombinedOutput()
	t.Logf("child process:\n%s", out)
	if err != nil {
		t.Fatalf("the test failed under RLIMIT_FSIZE: %v", err)
	}
}

// Leave fills the disk of dir, a folder from Full, until about room more
// bytes fit: on a tmpfs with a ballast file. Under a file-size limit,
// which binds each file alone, no write may reach past room bytes into a
// file: a log's write-ahead file, written from its start for each
// command, then fails when the command's changes outgrow room.
func Leave(t *testing.T, dir string, room int) {
	t.Helper()
	if os.Getenv(childEnv) != "" {
		lowerFileSizeLimit(t, int64(room))
		return
	}
	free, err := freeBytes(dir)
	if err != nil {
		t.Fatal(err)
	}
	ballast := filepath.Join(dir, ".ballast")
	var size int64
	if info, err := os.Stat(ballast); err == nil {
		size = info.Size()
	}
	want := max(size+free-int64(room), 0)
	if want <= size {
		if err := os.Truncate(ballast, want); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return
	}
	f, err := os.OpenFile(ballast, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.Write(make([]byte, want-size)) //nolint:errcheck // as much as fits: the disk is meant to fill
}
