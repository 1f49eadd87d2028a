package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"bluegreen/serve"
)

// checklistHiddenFile is the file, in bluegreen's data folder (where the
// classroom keeps its host key), whose presence says the first-run
// checklist was hidden with alt+j: the next run starts without it.
const checklistHiddenFile = "checklist-hidden"

// checklistMemory reports whether an earlier run hid the checklist, and
// how to keep the choice for the next run (nil when there is no data
// folder, for instance no home folder: then it is simply not kept).
func checklistMemory() (hidden bool, remember func(bool) error) {
	dir, err := serve.DataDir()
	if err != nil {
		return false, nil
	}
	return checklistHidden(dir), func(h bool) error { return keepChecklist(dir, h) }
}

// checklistHidden reports whether dir says the checklist is hidden.
func checklistHidden(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, checklistHiddenFile))
	return err == nil
}

// keepChecklist writes (hidden) or removes (shown) the marker in dir.
func keepChecklist(dir string, hidden bool) error {
	path := filepath.Join(dir, checklistHiddenFile)
	if !hidden {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.WriteFile(path, []byte("The first-run checklist was hidden with alt+j; delete this file to see it again.\n"), 0o600)
}
