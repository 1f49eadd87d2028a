package lessons

import (
	"regexp"
	"strings"
	"testing"

	"bluegreen/tui/common"

	"github.com/charmbracelet/x/ansi"
)

// allThemes builds the styles of every named theme ("auto" resolves to
// dark or light, both already in the list).
func allThemes(t testing.TB) []common.Styles {
	t.Helper()
	var out []common.Styles
	for _, name := range common.ThemeNames()[1:] {
		th, err := common.ThemeByName(name, true)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, common.NewStyles(th))
	}
	return out
}

func noneStyles(t testing.TB) common.Styles {
	t.Helper()
	th, err := common.ThemeByName("none", true)
	if err != nil {
		t.Fatal(err)
	}
	return common.NewStyles(th)
}

func TestLessonsRenderAtEveryWidthAndTheme(t *testing.T) {
	for _, s := range allThemes(t) {
		for _, topic := range LessonTopics() {
			for _, width := range []int{60, 80, 120} {
				out, err := RenderLesson(topic, width, s)
				if err != nil {
					t.Fatalf("%s/%s/%d: %v", s.Theme.Name, topic, width, err)
				}
				if !strings.Contains(ansi.Strip(out), "Sources") {
					t.Errorf("%s/%s/%d: no Sources section in the rendered card", s.Theme.Name, topic, width)
				}
				for i, line := range strings.Split(out, "\n") {
					if w := ansi.StringWidth(line); w > width {
						t.Errorf("%s/%s/%d: line %d is %d cells wide: %q", s.Theme.Name, topic, width, i, w, ansi.Strip(line))
					}
				}
			}
		}
	}
}

func TestLessonNoneThemeHasNoEscapeCodes(t *testing.T) {
	s := noneStyles(t)
	for _, topic := range LessonTopics() {
		out, err := RenderLesson(topic, 80, s)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out, "\x1b") {
			t.Errorf("%s: theme none emitted an escape code: %q", topic, out)
		}
	}
}

func TestLessonColourThemesDoUseColour(t *testing.T) {
	// The opposite check, so the none test cannot pass by accident of a
	// renderer that never colours anything.
	for _, s := range allThemes(t) {
		if s.Theme.Name == "none" {
			continue
		}
		out, err := RenderLesson(TopicLookup, 80, s)
		if err != nil {
			t.Fatal(err)
		}
		if !hasColourSGR(out) {
			t.Errorf("theme %s: lesson has no colour", s.Theme.Name)
		}
	}
}

func TestLessonRenderingIsDeterministic(t *testing.T) {
	for _, s := range allThemes(t) {
		a, err := RenderLesson(TopicRetention, 80, s)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := RenderLesson(TopicRetention, 80, s)
		if a != b {
			t.Errorf("theme %s: two renders differ", s.Theme.Name)
		}
	}
}

func TestLessonPlainTextIsTidy(t *testing.T) {
	out, err := RenderLesson(TopicLookup, 60, noneStyles(t))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	if strings.TrimSpace(lines[0]) == "" || strings.TrimSpace(lines[len(lines)-1]) == "" {
		t.Errorf("blank lines around the card:\n%s", out)
	}
	for _, l := range lines {
		if strings.HasSuffix(l, " ") {
			t.Errorf("trailing padding kept: %q", l)
		}
	}
}

// A list item written over several lines in a card's file must reflow as
// one paragraph at any width, not keep the file's line breaks.
func TestUnwrapMarkdownJoinsWrappedBlocks(t *testing.T) {
	in := "# Title\n\nA paragraph\nwrapped.\n\n- item one\n  goes on\n- item two\n1. first\n   more\n12. twelfth\n\n```\ncode\nstays\n```\n## Next"
	want := "# Title\n\nA paragraph wrapped.\n\n- item one goes on\n- item two\n1. first more\n12. twelfth\n\n```\ncode\nstays\n```\n## Next"
	if got := unwrapMarkdown(in); got != want {
		t.Errorf("unwrapMarkdown:\n%s\nwant:\n%s", got, want)
	}
}

func TestRenderLessonRejectsUnknownTopicAndTinyWidth(t *testing.T) {
	s := noneStyles(t)
	if _, err := RenderLesson("../doc", 80, s); err == nil {
		t.Error("unknown topic rendered")
	}
	if _, err := RenderLesson(TopicAbout, 5, s); err == nil {
		t.Error("5 columns accepted")
	}
}

var knownSources = []string{
	"The Intercept", "18 U.S.C.", "Smith v. Maryland", "Fla. Stat.", "Apple Platform Security", "iTechPost", "iLounge",
	"Legal Process Guidelines", "Apple support article 104972", "Six Colors", "Deregister iMessage", "Hagen et al.",
	"Signal", "PIR-PSI", "Live Caller ID", "Open-source reimplementations", "iOS 18", "Carpenter v. United States",
	"Kales et al.", "Apple's statement", "RFC 2606", "RFC 5737", "Apple's description",
}

func TestEveryCardEndsWithItsSources(t *testing.T) {
	for _, topic := range LessonTopics() {
		md, err := lessonMarkdown(topic)
		if err != nil {
			t.Fatal(err)
		}
		i := strings.LastIndex(md, "\n## ")
		if i < 0 || !strings.HasPrefix(md[i:], "\n## Sources\n") {
			t.Errorf("%s: the last section is not ## Sources", topic)
			continue
		}
		items := 0
		for _, line := range strings.Split(strings.TrimSpace(md[i+len("\n## Sources\n"):]), "\n") {
			if !strings.HasPrefix(line, "- ") {
				t.Errorf("%s: %q in the Sources section is not a list item", topic, line)
				continue
			}
			items++
			named := false
			for _, src := range knownSources {
				named = named || strings.Contains(line, src)
			}
			if !named || strings.Contains(line, "FACTS") {
				t.Errorf("%s: source %q names no known source by name (and users never see the team's fact sheet)", topic, line)
			}
		}
		if items == 0 {
			t.Errorf("%s: empty Sources section", topic)
		}
	}
}

// Each card must carry the figures FACTS.md gives and label what it marks
// uncertain. The phrases are the facts, not the wording around them.
func TestCardsCarryTheFactsAndTheirLabels(t *testing.T) {
	for topic, phrases := range map[Topic][]string{
		TopicAbout:               {"simulated", "555-0100", "203.0.113.0/24", "reported, unconfirmed", "simulator assumption"},
		TopicLookup:              {"x-id-self-uri", "tel:+14155550132", "assumption", "reported, unconfirmed", "not encrypted"},
		TopicColumnDateTime:      {"UTC", "assumption", "reported, unconfirmed"},
		TopicColumnSourceHandle:  {"pen register", "x-id-self-uri"},
		TopicColumnLookupHandle:  {"trap and trace", "E.164", "15 digits"},
		TopicColumnClientIP:      {"2013", "invented"},
		TopicColumnLookupDevices: {"`0`", "not on iMessage", "stale"},
		TopicCaching:             {"1 day", "1 hour", "7 days", "assumption", "reported, unconfirmed"},
		TopicRetention:           {"30 days", "25 days", "60 days", "§3123(c)", "reported, unconfirmed", "assumption", "snapshot"},
		TopicPenRegister:         {"§§3121–3127", "§3123(a)", "**shall**", "certifies", "sealed", "§3127", "Smith v. Maryland", "1979", "§§934.31–934.34"},
		TopicCannotProve:         {"No contents", "No proof of contact", "assumption", "reported, unconfirmed"},
		TopicNotDelivered:        {"Sent as Text Message", "Not Delivered", "Try Again", "Send as Text Message", "iMessage can't be used"},
		TopicStaleRegistration:   {"Deregister", "never arrives", "1 device"},
		TopicColours:             {"MMS", "RCS", "not documented", "reported, unconfirmed", "assumption"},
		TopicDesignHashed:        {"comparison design, not what Apple does", "SHA-256", "10^10", "118 billion", "NDSS 2021", "pre-2017"},
		TopicDesignPrivate:       {"comparison design, not what Apple does", "RFC 9497", "— (not learnt)", "rate limit", "assumption", "IP address", "Kales"},
		TopicDesignPrivateRelay:  {"comparison design, not what Apple does", "Oblivious HTTP", "— (relay)", "Live Caller ID Lookup", "reversible"},
		TopicDesignNoLog:         {"comparison design, not what Apple does", "§2703(d)", "§3123(c)", "60 days", "prospective"},
		TopicClassmatesLookups:   {"Lookup handle", "trap and trace", "§3123(d)", "30 days", "25 days", "simulator assumption"},
		TopicLookupGraph:         {"pen register", "trap and trace", "Smith v. Maryland", "reported, unconfirmed", "two pictures"},
		TopicDesignsThatLeakLess: {"10^10", "118 billion", "NDSS 2021", "SGX", "2022", "1,024", "67 million", "1.4 seconds", "Live Caller ID Lookup", "IP address"},
	} {
		md, err := lessonMarkdown(topic)
		if err != nil {
			t.Fatal(err)
		}
		md = strings.Join(strings.Fields(md), " ") // a phrase may span a line break in the file
		for _, p := range phrases {
			if !strings.Contains(md, p) {
				t.Errorf("%s: missing %q", topic, p)
			}
		}
	}
}

var (
	ipv4Pattern  = regexp.MustCompile(`\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b`)
	emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]+`)
	telPattern   = regexp.MustCompile(`\+\d[\d ]{7,}\d`)
)

func TestCardsUseOnlyFictionalData(t *testing.T) {
	for _, topic := range LessonTopics() {
		md, _ := lessonMarkdown(topic)
		for _, ip := range ipv4Pattern.FindAllString(md, -1) {
			if !strings.HasPrefix(ip, "192.0.2.") && !strings.HasPrefix(ip, "198.51.100.") && !strings.HasPrefix(ip, "203.0.113.") {
				t.Errorf("%s: %s is not a documentation address", topic, ip)
			}
		}
		for _, e := range emailPattern.FindAllString(md, -1) {
			if !strings.HasSuffix(e, "@example.com") && !strings.HasSuffix(e, "@example.org") {
				t.Errorf("%s: %s is not an example address", topic, e)
			}
		}
		for _, n := range telPattern.FindAllString(md, -1) {
			digits := strings.ReplaceAll(n, " ", "")
			if !regexp.MustCompile(`^\+1\d{3}55501\d\d$|^\+447700900\d{3}$`).MatchString(digits) {
				t.Errorf("%s: %s is not a number reserved for fiction", topic, n)
			}
		}
	}
}

func TestColumnTopicFollowsThePoliceColumns(t *testing.T) {
	want := []Topic{TopicColumnDateTime, TopicColumnSourceHandle, TopicColumnLookupHandle, TopicColumnClientIP, TopicColumnLookupDevices}
	for i, w := range want {
		if got, ok := ColumnTopic(i); !ok || got != w {
			t.Errorf("ColumnTopic(%d) = %q, %v; want %q", i, got, ok, w)
		}
	}
	for _, i := range []int{-1, len(want)} {
		if _, ok := ColumnTopic(i); ok {
			t.Errorf("ColumnTopic(%d) is ok", i)
		}
	}
}

func TestTopicTitles(t *testing.T) {
	seen := map[string]bool{}
	for _, topic := range LessonTopics() {
		title := topic.Title()
		if title == "" || title == string(topic) || strings.HasPrefix(title, "#") {
			t.Errorf("%s: title %q", topic, title)
		}
		if seen[title] {
			t.Errorf("%s: duplicate title %q", topic, title)
		}
		seen[title] = true
	}
	if got := Topic("nope").Title(); got != "nope" {
		t.Errorf("unknown topic title = %q", got)
	}
}

func TestEveryEmbeddedCardIsATopic(t *testing.T) {
	entries, err := lessonFiles.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	topics := map[Topic]bool{}
	for _, topic := range LessonTopics() {
		topics[topic] = true
	}
	for _, e := range entries {
		if !topics[Topic(strings.TrimSuffix(e.Name(), ".md"))] {
			t.Errorf("lessons/%s is embedded but no Topic names it", e.Name())
		}
	}
	if len(entries) != len(topics) {
		t.Errorf("%d cards embedded, %d topics", len(entries), len(topics))
	}
}

func TestTrimPaddingKeepsBackgroundSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"plain   ": "plain",
		"   ":      "",
		"\x1b[38;5;252mtext\x1b[m\x1b[38;5;252m \x1b[m": "\x1b[38;5;252mtext\x1b[m",
		"\x1b[38;5;228;48;5;63;1m Title \x1b[m   ":      "\x1b[38;5;228;48;5;63;1m Title \x1b[m",
		"\x1b[38;2;1;2;3;48;2;4;5;6m x \x1b[0m \x1b[m":  "\x1b[38;2;1;2;3;48;2;4;5;6m x \x1b[m",
		"\x1b[44m \x1b[49m  ":                           "\x1b[44m \x1b[m",
		"é  ":                                           "é",
	} {
		if got := trimPadding(in); got != want {
			t.Errorf("trimPadding(%q) = %q, want %q", in, got, want)
		}
	}
}

// hasColourSGR reports whether s sets a foreground or background colour
// (bold, italic and underline are not colour: the none theme may use them).
func hasColourSGR(s string) bool {
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.Split(m[1], ";") {
			switch {
			case p == "38" || p == "48",
				len(p) == 2 && (p[0] == '3' || p[0] == '4') && p[1] >= '0' && p[1] <= '7',
				len(p) == 2 && p[0] == '9' && p[1] >= '0' && p[1] <= '7',
				len(p) == 3 && p[:2] == "10" && p[2] >= '0' && p[2] <= '7':
				return true
			}
		}
	}
	return false
}

// sgr matches one Select Graphic Rendition sequence and captures its
// parameters.
var sgr = regexp.MustCompile("\x1b\\[([0-9;:]*)m")

// BenchmarkRenderLesson is what opening a card on a key press costs: one
// card per iteration, cycling through all of them, dark theme, 80 columns.
func BenchmarkRenderLesson(b *testing.B) {
	th, _ := common.ThemeByName("dark", true)
	s := common.NewStyles(th)
	topics := LessonTopics()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := RenderLesson(topics[i%len(topics)], 80, s); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
