package returnpane

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bluegreen/internal/tinyfs"
)

// An export onto a full disk fails naming the file and the cause, and
// leaves no cut-short file that could pass for the whole return.
func TestAnExportOnAFullDiskLeavesNoHalfFile(t *testing.T) {
	dir, ok := tinyfs.Full(t, 64<<10)
	if !ok {
		return
	}
	_, err := writeNew(dir, "return", "csv", func(b *bytes.Buffer) error {
		b.WriteString(strings.Repeat("2016-09-26T16:00:00Z,tel:+14155550100,tel:+14155550132,203.0.113.24,3\n", 2000))
		return nil
	})
	path := filepath.Join(dir, "return.csv")
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("export onto a full disk: %v; want an error naming %s", err, path)
	}
	t.Logf("export: %v", err)
	if _, serr := os.Stat(path); !os.IsNotExist(serr) {
		t.Errorf("a cut-short %s was left behind (%v)", path, serr)
	}
}
