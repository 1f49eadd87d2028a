package scripts

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"bluegreen/internal/hostile"
	"bluegreen/sim"
)

func TestBuiltinScriptsLoad(t *testing.T) {
	for _, name := range BuiltinNames() {
		if _, err := Load(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// A script file and the scenario it names are read the same bounded way:
// regular files only, through the size limit, refused with a position.
func TestSpecialFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	for _, special := range []string{"/dev/zero", fifo, dir} {
		if _, err := Load(special); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("Load(%s) = %v", special, err)
		}
		script := filepath.Join(dir, "s.yaml")
		body := "name: s\nscenario: " + special + "\nsteps:\n  - caption: hi\n"
		if err := os.WriteFile(script, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := Load(script)
		var se *sim.ScenarioError
		if !errors.As(err, &se) || se.Line != 2 || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("scenario: %s = %v, want line 2", special, err)
		}
	}
}

// A step's text reaches the presenter bar, the headless output and the
// notes file: every hostile string is refused at its own key, whether the
// text is on one line or several.
func TestHostileStepTextIsRefusedAtItsKey(t *testing.T) {
	for _, key := range []string{"caption", "notes", "type", "find"} {
		for _, s := range hostile.Strings() {
			text := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace("first line\n" + s)
			body := "name: s\nsteps:\n  - show: [phone]\n    " + key + ": \"" + strings.ReplaceAll(text, "\n", `\n`) + "\"\n"
			script, err := Parse("s.yaml", []byte(body))
			if err == nil { // the YAML reader already made it safe (invalid UTF-8 becomes U+FFFD)
				st := script.Steps[0]
				if err := hostile.Check(st.Caption+st.Notes+st.Type+st.Find, true, sim.MaxCombiningMarks); err != nil {
					t.Errorf("%s %.30q accepted: %v", key, s, err)
				}
				continue
			}
			var se *sim.ScenarioError
			if !errors.As(err, &se) || se.Line != 4 {
				t.Errorf("%s %.30q: %v, want an error at line 4", key, s, err)
			}
			if err != nil && hostile.Check(err.Error(), false, sim.MaxCombiningMarks) != nil {
				t.Errorf("the error itself is unsafe: %.80q", err.Error())
			}
		}
	}
}

// FuzzParseScript: any bytes give a script or a *sim.ScenarioError naming
// the file, within the loader's bounds, and an accepted script's text is safe.
func FuzzParseScript(f *testing.F) {
	for _, name := range BuiltinNames() {
		data, _ := builtinScripts.ReadFile(name + ".yaml")
		f.Add(data)
	}
	f.Add([]byte("name: s\nsteps:\n  - caption: hi\n    notes: \"a\\x1b]52;c;eA==\\x07\"\n"))
	f.Add([]byte("name: s\nscenario: /dev/zero\nsteps:\n  - caption: hi\n"))
	f.Add([]byte("a: &a [x, x]\nb: [*a, *a]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, st := range s.Steps {
			if err := hostile.Check(st.Caption+st.Notes+st.Type+st.Find, true, sim.MaxCombiningMarks); err != nil {
				t.Fatalf("accepted unsafe step text: %v", err)
			}
		}
	})
}
