package main

import (
	"path/filepath"
	"testing"
)

// The checklist hidden with alt+j stays hidden next time, and shown again
// when shown; a data folder that does not exist yet is made.
func TestChecklistIsRemembered(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bluegreen")
	if checklistHidden(dir) {
		t.Fatal("a fresh data folder says hidden")
	}
	if err := keepChecklist(dir, true); err != nil {
		t.Fatal(err)
	}
	if !checklistHidden(dir) {
		t.Error("hidden, then not remembered")
	}
	if err := keepChecklist(dir, false); err != nil {
		t.Fatal(err)
	}
	if checklistHidden(dir) {
		t.Error("shown again, still remembered as hidden")
	}
	if err := keepChecklist(dir, false); err != nil {
		t.Errorf("showing twice: %v", err)
	}
}

// TestChecklistMemoryUsesTheDataFolder: with XDG_DATA_HOME set, the choice
// is kept under it.
func TestChecklistMemoryUsesTheDataFolder(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	hidden, remember := checklistMemory()
	if hidden || remember == nil {
		t.Fatalf("fresh: hidden %v, remember %v", hidden, remember != nil)
	}
	if err := remember(true); err != nil {
		t.Fatal(err)
	}
	if hidden, _ := checklistMemory(); !hidden {
		t.Error("the next run does not start hidden")
	}
}
