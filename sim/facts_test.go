package sim

import (
	"flag"
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
		if strings.Contains(f.Source, "FACTS") || strings.Contains(f.Claim, "FACTS") {
			t.Errorf("fact %q cites the team's fact sheet (%q): users do not have it; name the source itself", f.ID, f.Source)
		}
		if f.Section != "simulator" && !strings.HasPrefix(f.Section, "§") {
			t.Errorf("fact %q: section %q is neither §N nor simulator", f.ID, f.Section)
		}
	}
}

func TestFactsCiteTheKeySources(t *testing.T) {
	want := map[string]FactStatus{
		"The Intercept, 2016-09-28":  Reported,
		"Sam Biddle":                 Reported,
		"18 U.S.C. §3123":            Confirmed,
		"Smith v. Maryland":          Confirmed,
		"Carpenter v. United States": Confirmed,
		"18 U.S.C. §2703":            Confirmed,
		"18 U.S.C. §3123(c)":         Confirmed,
		"Apple support 104972":       Confirmed,
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
		"sim-production-rule":         Assumption,
		"sim-email-trigger":           Assumption,
		"prtt-lookups-framing":        Reported,
		"rcs-ios18":                   Reported,
		"send-as-sms":                 Reported,
		"ip-coarse":                   Reported,
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

// Every source tag names its source itself: users never see the team's
// fact sheet, so a section number of it on screen would cite nothing.
func TestSourceTagsNameRealSources(t *testing.T) {
	for name, tag := range srcTags(t) {
		if strings.Contains(tag, "FACTS") || strings.Contains(tag, "§n") {
			t.Errorf("%s = %q cites the fact sheet, not a source", name, tag)
		}
	}
}

func TestRetentionIsCitedToItsOwnSource(t *testing.T) {
	old, now := MustRetention(Preset2016), MustRetention(PresetToday)
	if got := RetentionSource(old); !strings.Contains(got, "The Intercept") {
		t.Errorf("2016 retention cited to %q, want The Intercept", got)
	}
	if got := RetentionSource(now); !strings.Contains(got, "Legal Process Guidelines") || strings.Contains(got, "Intercept") {
		t.Errorf("today's retention cited to %q, want Apple's guidelines and not The Intercept", got)
	}
	if old.Phrase() != "30 days" || now.Phrase() != "up to 25 days" {
		t.Errorf("phrases %q, %q", old.Phrase(), now.Phrase())
	}
}

// updateSources regenerates docs/SOURCES.md: go test ./sim -run TestSourcesDoc -update-sources
var updateSources = flag.Bool("update-sources", false, "rewrite docs/SOURCES.md from the facts registry")

func TestSourcesDocMatchesRegistry(t *testing.T) {
	const path = "../docs/SOURCES.md"
	want := SourcesMarkdown()
	if *updateSources {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: generate it with go run ./cmd/bluegreen sources --markdown > docs/SOURCES.md", err)
	}
	if string(got) != want {
		t.Fatalf("docs/SOURCES.md differs from the facts registry: regenerate it with\n  go run ./cmd/bluegreen sources --markdown > docs/SOURCES.md\n(or go test ./sim -run TestSourcesDoc -update-sources)")
	}
	for _, f := range Facts() {
		if !strings.Contains(string(got), mdCell(f.Claim)) {
			t.Errorf("docs/SOURCES.md lacks fact %q", f.ID)
		}
	}
}
