package main

import (
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// markupLeaks are what help text must never show: pflag's `NAME` quoting
// printed literally, and fang's title-casing of a hyphenated first word
// ("built-in" → "Built-In").
var markupLeaks = regexp.MustCompile("`|\\b[A-Z][a-z]+-[A-Z][a-z]")

func TestEveryHelpPageReadsAsWritten(t *testing.T) {
	var paths [][]string
	walk(newRootCmd(), func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" {
			return
		}
		path := strings.Fields(c.CommandPath())[1:]
		paths = append(paths, path)
	})
	if len(paths) < 6 {
		t.Fatalf("walked only %d commands: %v", len(paths), paths)
	}
	for _, path := range paths {
		code, out, errOut := runCLI(t, append(path, "--help")...)
		if code != 0 {
			t.Fatalf("%v --help exited %d: %s", path, code, errOut)
		}
		if m := markupLeaks.FindString(out); m != "" {
			t.Errorf("bluegreen %s --help shows %q:\n%s", strings.Join(path, " "), m, out)
		}
	}
}

func TestCompletionOffersNames(t *testing.T) {
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "--theme", ""}, []string{"auto", "high-contrast", "colour-blind", "none"}},
		{[]string{"__complete", "--scenario", ""}, []string{"classroom", "today"}},
		{[]string{"__complete", "play", ""}, []string{"talk", "group", "switched"}},
		{[]string{"__complete", "play", "--theme", ""}, []string{"dark", "light"}},
		{[]string{"__complete", "return", "--kind", ""}, []string{"pen-register", "trap-and-trace"}},
		{[]string{"__complete", "lookup", "--trigger", ""}, []string{"as-you-type", "on-commit", "on-send"}},
	}
	for _, c := range cases {
		code, out, errOut := runCLI(t, c.args...)
		if code != 0 {
			t.Fatalf("%v exited %d: %s", c.args, code, errOut)
		}
		offered := strings.Split(strings.TrimSpace(out), "\n")
		for _, w := range c.want {
			if !slices.Contains(offered, w) {
				t.Errorf("%v offers %q, missing %q", c.args, offered, w)
			}
		}
	}
}

func TestManPage(t *testing.T) {
	// fang's man command writes to os.Stdout itself, so catch it there.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	code, _, errOut := runCLI(t, "man")
	os.Stdout = stdout
	w.Close()
	page, _ := io.ReadAll(r)
	out := string(page)
	if code != 0 {
		t.Fatalf("man exited %d: %s", code, errOut)
	}
	for _, want := range []string{".TH BLUEGREEN 1", "lookup", "--scenario"} {
		if !strings.Contains(out, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
}

// A bad --theme is a usage error even when stdout is not a terminal: the
// user learns what to fix instead of being told to find a terminal.
func TestBadThemeIsRefusedBeforeTheTerminalCheck(t *testing.T) {
	code, out, errOut := runCLI(t, "--theme", "purple")
	if code != exitUsage || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errOut, "--theme") || !strings.Contains(errOut, "purple") || strings.Contains(errOut, "needs a terminal") {
		t.Fatalf("stderr does not name the bad theme: %q", errOut)
	}
}
