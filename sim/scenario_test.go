package sim

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuiltinScenariosLoad(t *testing.T) {
	list, err := BuiltinScenarios()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, b := range list {
		names[b.Name] = true
		if b.Description == "" {
			t.Errorf("%s has no description", b.Name)
		}
		newWorld(t, b.Name)
	}
	if !names["classroom"] || !names["today"] {
		t.Errorf("built-ins = %v", list)
	}
}

func TestClassroomScenarioHasThePeopleTheLessonNeeds(t *testing.T) {
	w := newClassroom(t)
	if w.Phone.Self != "tel:+14155550100" || w.Phone.AppleID != "you@example.com" || w.Phone.Region != "US" {
		t.Errorf("phone = %+v", w.Phone)
	}
	if w.Phone.WiFiIP != "203.0.113.24" || w.Phone.CellIP != "198.51.100.77" || !w.Phone.Settings.IMessage || !w.Phone.Settings.SendAsSMS {
		t.Errorf("phone network/settings = %+v", w.Phone)
	}
	dir := w.Server.Directory()
	for h, want := range map[Handle]Registration{
		ana:                 {Devices: 3},
		ben:                 {Devices: 0},
		chloe:               {Devices: 1, Stale: true},
		dev:                 {Devices: 2},
		"tel:+447700900123": {Devices: 1},
		"tel:+14155550199":  {Devices: 0},
	} {
		got := dir.Lookup(h)
		if got.Devices != want.Devices || got.Stale != want.Stale {
			t.Errorf("%s registration = %+v, want %+v", h, got, want)
		}
	}
	for _, name := range []string{"Ana", "Ben", "Chloe", "Dev", "Emma"} {
		found := false
		for _, c := range w.Contacts {
			found = found || c.Name == name
		}
		if !found {
			t.Errorf("contact %s missing", name)
		}
	}
}

func TestTodayScenarioOffersRCSToBen(t *testing.T) {
	w := newWorld(t, "today")
	res, _ := w.Lookup(context.Background(), []Handle{ben}, TriggerTyped)
	if d := w.Decide(res.Answers); d.Route != RouteRCS {
		t.Errorf("Ben today routes %v, want RCS", d.Route)
	}
	if w.Server.Retention().Days() != 25 {
		t.Errorf("today keeps %d days, want 25", w.Server.Retention().Days())
	}
}

func classroomYAML(t *testing.T) string {
	t.Helper()
	data, err := builtinFS.ReadFile("scenarios/classroom.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestScenarioErrorsNameFileLineAndColumn(t *testing.T) {
	base := classroomYAML(t)
	tests := []struct {
		name, from, to, want string
	}{
		{"bad number", `number: "+1 415 555 0100"`, `number: "+1 415 555"`, "bad.yaml:15:11: phone.number: incomplete"},
		{"unknown key", "  owner: You", "  owner: You\n  colour: blue", "bad.yaml:15:3: unknown field \"colour\""},
		{"bad ip", "wifi_ip: 203.0.113.24", "wifi_ip: 8.8.8.8", "bad.yaml:23:12: phone.wifi_ip: \"8.8.8.8\" is not in a documentation range"},
		{"bad preset", `preset: "2016"`, `preset: "1999"`, "bad.yaml:7:9: preset: unknown retention"},
		{"bad devices", "devices: 3", "devices: -3", "bad.yaml:54:14: directory[2].devices"},
		{"bad handle", `handles: ["+1 415 555 0147"]`, `handles: ["banana"]`, "bad.yaml:35:15: contacts[1].handles[0]: invalid input \"banana\""},
		{"syntax", "seed: 2016", "seed: [2016", "bad.yaml:"},
		{"wrong type", "seed: 2016", "seed: many", "bad.yaml:5:7:"},
		{"bad trigger", "trigger: as-you-type", "trigger: sometimes", "bad.yaml:8:10: trigger: unknown trigger"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, tt.from) {
				t.Fatalf("fixture text %q not found", tt.from)
			}
			_, err := ParseScenario("bad.yaml", []byte(strings.Replace(base, tt.from, tt.to, 1)))
			if err == nil {
				t.Fatal("bad scenario accepted")
			}
			var se *ScenarioError
			if !errors.As(err, &se) || se.Line == 0 {
				t.Errorf("error has no position: %v", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to start with %q", err, tt.want)
			}
		})
	}
}

func TestLoadScenarioFromFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mine.yaml")
	text := strings.Replace(classroomYAML(t), "name: classroom", "name: mine", 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := LoadScenario(path)
	if err != nil || s.Name != "mine" {
		t.Fatalf("LoadScenario(file) = %v, %v", s, err)
	}
	if _, err := LoadScenario(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "classroom") {
		t.Errorf("missing file error should list the built-ins: %v", err)
	}
}

func FuzzParseScenario(f *testing.F) {
	data, _ := builtinFS.ReadFile("scenarios/classroom.yaml")
	f.Add(data)
	f.Add([]byte("name: x\nstart: 2016-01-01T00:00:00Z\n"))
	f.Add([]byte("{"))
	f.Add([]byte("phone: [1, 2]\ncontacts: {a: b}\n"))
	for _, data := range hostileYAML() {
		if len(data) < 4096 {
			f.Add([]byte(data))
		}
	}
	f.Add([]byte(minimal + "others:\n  - name: O\n    account: o@example.com\n    ip: 192.0.2.1\n    looks_up: [a@example.com]\n    first: 2016-09-27T15:10:00Z\n    every: 1m\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseScenario("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if _, err := s.Build(context.Background(), NewMemoryLog()); err != nil {
			t.Fatalf("a scenario that parsed failed to build: %v", err)
		}
	})
}
