package sim

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// emailLike finds anything shaped like an address, including ones cut off
// mid-domain ("dev@example.co") that a golden file might have caught.
var emailLike = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*`)

// No built-in scenario, demo script or golden file may hold an address
// outside the reserved names (RFC 2606): typed letter by letter, an
// address passes through real domains, and none of them may reach a row.
func TestBuiltinDataUsesOnlyReservedDomains(t *testing.T) {
	root := ".."
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "fuzz") {
			return filepath.SkipDir
		}
		ext := filepath.Ext(path)
		if d.IsDir() || (ext != ".yaml" && ext != ".golden" && ext != ".cast") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		for _, m := range emailLike.FindAllString(string(data), -1) {
			domain := strings.ToLower(m[strings.LastIndexByte(m, '@')+1:])
			if !ReservedDomain(domain) {
				t.Errorf("%s: %q is not under a reserved domain", path, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 5 {
		t.Fatalf("checked only %d files: the walk is broken", checked)
	}
}
