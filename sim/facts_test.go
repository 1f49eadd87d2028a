package sim

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// srcTags reads every exported Src* string constant declared in the
// package's non-test files, so a tag added later is checked too without
// anyone remembering to list it here.
func srcTags(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	tags := map[string]string{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if !strings.HasPrefix(id.Name, "Src") || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Fatalf("%s: %s is not a plain string literal", name, id.Name)
					}
					v, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					tags[id.Name] = v
				}
			}
		}
	}
	if len(tags) == 0 {
		t.Fatal("found no Src* constants: the parser walk is broken")
	}
	return tags
}

func TestEverySourceTagBacksAFact(t *testing.T) {
	used := map[string]bool{}
	for _, f := range Facts() {
		used[f.Source] = true
	}
	for name, tag := range srcTags(t) {
		if tag == SrcAssumption {
			continue // assumptions cite "assumption · why", checked below
		}
		if !used[tag] {
			t.Errorf("%s (%q) is the Source of no fact: add the fact the app states with it", name, tag)
		}
	}
}

func TestFactsAreComplete(t *testing.T) {
	ids := map[string]bool{}
	for _, f := range Facts() {
		if f.ID == "" || f.Claim == "" || f.Source == "" || f.Section == "" {
			t.Errorf("fact %+v has an empty field", f)
		}
		if ids[f.ID] {
			t.Errorf("duplicate fact ID %q", f.ID)
		}
		ids[f.ID] = true
		if s := f.Status.String(); s == "unknown" {
			t.Errorf("fact %q has no status", f.ID)
		}
		isAssumptionSource := strings.HasPrefix(f.Source, SrcAssumption)
		if (f.Status == Assumption) != isAssumptionSource {
			t.Errorf("fact %q: status %s but source %q (assumptions, and only they, cite %q)", f.ID, f.Status, f.Source, SrcAssumption)
		}
		if !isAssumptionSource && !strings.HasPrefix(f.Source, "FACTS §") {
			t.Errorf("fact %q: source %q does not name its FACTS.md section", f.ID, f.Source)
		}
		if f.Section != "simulator" && !strings.HasPrefix(f.Section, "§") {
			t.Errorf("fact %q: section %q is neither §N nor simulator", f.ID, f.Section)
		}
	}
}

func TestFactsCiteTheKeySources(t *testing.T) {
	want := map[string]FactStatus{
		"The Intercept, 2016-09-28": Reported,
		"Sam Biddle":                Reported,
		"18 U.S.C. §3123":           Confirmed,
		"Smith v. Maryland":         Confirmed,
	}
	for needle, status := range want {
		found := false
		for _, f := range Facts() {
			found = found || (strings.Contains(f.Source, needle) && f.Status == status)
		}
		if !found {
			t.Errorf("no %s fact cites %q", status, needle)
		}
	}
}

// FACTS.md marks some points uncertain: the app must never call them
// confirmed. Each entry is a fact ID and the status it must have.
func TestUncertainPointsAreNotConfirmed(t *testing.T) {
	for id, want := range map[string]FactStatus{
		"retention-2016":              Reported,
		"retention-today":             Reported,
		"col-format":                  Reported,
		"trigger-timing":              Reported,
		"rcs-order":                   Reported,
		"wire-unregistered-status":    Reported,
		"sim-place-names":             Assumption,
		"sim-trigger-policy":          Assumption,
		"sim-rate-limited-not-logged": Assumption,
		"sim-no-lookup-imessage-off":  Assumption,
		"sim-no-lookup-offline":       Assumption,
	} {
		f, ok := FactByID(id)
		if !ok {
			t.Errorf("no fact %q", id)
			continue
		}
		if f.Status != want {
			t.Errorf("fact %q is %s, want %s", id, f.Status, want)
		}
	}
}

func TestFactsReturnsAFreshSlice(t *testing.T) {
	a := Facts()
	a[0].Claim = "changed"
	if Facts()[0].Claim == "changed" {
		t.Fatal("Facts shares its slice between callers")
	}
}

func TestFactStatusString(t *testing.T) {
	for s, want := range map[FactStatus]string{
		Confirmed: "confirmed", Reported: "reported, unconfirmed", Assumption: "simulator assumption", 0: "unknown",
	} {
		if got := s.String(); got != want {
			t.Errorf("FactStatus(%d) = %q, want %q", int(s), got, want)
		}
	}
}
