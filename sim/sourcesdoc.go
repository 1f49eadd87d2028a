package sim

import (
	"fmt"
	"strings"
)

// StatusGroup is one section of the Sources screen and of docs/SOURCES.md:
// the facts of one status, with a line saying what puts a fact there.
type StatusGroup struct {
	Status  FactStatus
	Heading string
	Meaning string
}

// StatusGroups are the Sources sections, firmest first.
func StatusGroups() []StatusGroup {
	return []StatusGroup{
		{Confirmed, "Confirmed", "From a law, a court decision, Apple's own documents or a published study."},
		{Reported, "Reported, unconfirmed", "From press reports of the leaked police document, what Apple told journalists, or open-source clients of Apple's service."},
		{Assumption, "Simulator assumption", "A choice bluegreen makes where no source settles it, or something it invents."},
	}
}

// FactsWithStatus is the registry's facts of one status, in registry order.
func FactsWithStatus(s FactStatus) []Fact {
	var out []Fact
	for _, f := range Facts() {
		if f.Status == s {
			out = append(out, f)
		}
	}
	return out
}

// SourcesMarkdown is docs/SOURCES.md: every fact of the registry, grouped
// as the Sources screen groups them (F11 in the app), with its source. The
// file is generated from this function (`bluegreen sources --markdown`),
// and a test fails when the two differ.
func SourcesMarkdown() string {
	var b strings.Builder
	b.WriteString("# Sources\n\n")
	b.WriteString("<!-- Generated from the facts registry (sim/facts.go) by `go run ./cmd/bluegreen sources --markdown > docs/SOURCES.md`. Do not edit by hand: a test fails when this file and the registry differ. -->\n\n")
	b.WriteString("Every claim bluegreen makes — on screen, in lesson cards, in the CLI — with where it comes from and how\n")
	b.WriteString("sure it is. The same list is the app's Sources screen (F11). Claims are in bluegreen's own words; the\n")
	b.WriteString("people, numbers and IP addresses in the app are fictional.\n")
	for _, g := range StatusGroups() {
		facts := FactsWithStatus(g.Status)
		fmt.Fprintf(&b, "\n## %s (%d)\n\n%s\n\n", g.Heading, len(facts), g.Meaning)
		b.WriteString("| claim | source | topic |\n|---|---|---|\n")
		for _, f := range facts {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", mdCell(f.Claim), mdCell(f.Source), mdCell(Topic(f.Section)))
		}
	}
	return b.String()
}

// mdCell keeps a table cell on one line and its pipes literal.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
