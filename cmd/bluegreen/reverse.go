package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/discovery"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

type reverseFlags struct {
	hashes []string
	space  string
	json   bool
}

// maxReverseHashes bounds one command's targets.
const maxReverseHashes = 10_000

func newReverseCmd(g *globalFlags) *cobra.Command {
	f := &reverseFlags{}
	cmd := &cobra.Command{
		Use:   "reverse --hash HEX... [--space 555-01xx|AREA|FILE]",
		Short: "Recover the numbers behind hashed lookups by trying every number (the hashed design)",
		Long: "reverse shows why hashing phone numbers hides nothing. Under the hashed design (a comparison, not what\n" +
			"Apple does) the phone sends a truncated SHA-256 of each handle and Apple's log keeps the hash. There\n" +
			"are so few phone numbers that hashing every one of them finds each hash: reverse does so on every\n" +
			"core and prints each number found, how long it took and the rate — and what the rate means for the\n" +
			"whole North American plan (10^10 numbers). Without --space it tries the scenario's 555-01xx block,\n" +
			"then the phone's whole area code (10^7 numbers).",
		Example: "  bluegreen lookup --design hashed --json 4155550132   # the log's lookup_handle is a hash\n" +
			"  bluegreen reverse --hash HASH --space 415\n" +
			"  bluegreen reverse --hash HASH --space numbers.txt   # one number or address a line",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReverse(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), g, f)
		},
	}
	cmd.Flags().StringSliceVar(&f.hashes, "hash", nil, "a hash from the log's lookup-handle column (20 hex digits); repeat or separate with commas")
	cmd.Flags().StringVar(&f.space, "space", "", "numbers to try: 555-01xx, a three-digit area code such as 415, or a FILE of numbers (default: 555-01xx, then the area code)")
	cmd.Flags().BoolVar(&f.json, "json", false, "print one JSON document instead of text")
	return cmd
}

func runReverse(ctx context.Context, out, errOut io.Writer, g *globalFlags, f *reverseFlags) error {
	targets, err := parseHashes(f.hashes)
	if err != nil {
		return err
	}
	spaces, err := reverseSpaces(g, f.space)
	if err != nil {
		return err
	}
	var results []discovery.ReverseResult
	for _, sp := range spaces {
		if !f.json {
			fmt.Fprintf(out, "Trying %s numbers (%s) against %s…\n", count(sp.Size()), spaceTitle(sp), sim.Plural(len(targets), "hash", "hashes"))
		}
		res, err := discovery.Reverse(ctx, targets, sp, 0, progressBar(errOut, f.json))
		if err != nil {
			return err
		}
		results = append(results, res)
		if !f.json {
			writeReverseText(out, res)
		}
		if f.space != "" || len(res.NotFound) > 0 {
			targets = res.NotFound
		}
		// With every hash found in the block, the area code still runs:
		// its 10^7 numbers give a rate worth extrapolating from.
		if len(targets) == 0 {
			break
		}
	}
	if f.json {
		return writeReverseJSON(out, results)
	}
	last := results[len(results)-1]
	for _, h := range last.NotFound {
		fmt.Fprintf(out, "  %s  not found: no number in %s hashes to it (an email address, or a number elsewhere)\n", h, spaceTitle(spaces[len(results)-1]))
	}
	fmt.Fprintf(out, "At %s hashes a second, the whole North American plan (10^10 numbers) would take %s on this machine.\n",
		count(int64(last.Rate())), roughDuration(last.Extrapolate(discovery.NANPSize)))
	return nil
}

func parseHashes(raw []string) ([]discovery.Hash, error) {
	if len(raw) == 0 {
		return nil, fmt.Errorf("reverse needs at least one --hash (the lookup-handle column of a hashed-design log)")
	}
	if len(raw) > maxReverseHashes {
		return nil, fmt.Errorf("at most %d hashes at once (got %d)", maxReverseHashes, len(raw))
	}
	out := make([]discovery.Hash, 0, len(raw))
	for _, r := range raw {
		h, err := discovery.ParseHash(r)
		if err != nil {
			return nil, fmt.Errorf("--hash: %w", err)
		}
		out = append(out, h)
	}
	return out, nil
}

// reverseSpaces is --space, or by default the scenario's 555-01xx block and
// then its phone's whole area code.
func reverseSpaces(g *globalFlags, space string) ([]discovery.Space, error) {
	s, err := sim.LoadScenario(g.scenario)
	if err != nil {
		return nil, err
	}
	self, _ := sim.ParseHandle(s.Phone.Number, s.Phone.Region)
	area := discovery.AreaCode(self)
	if area == "" {
		area = "415"
	}
	if space != "" {
		sp, err := discovery.ParseSpace(space, area, s.Phone.Region)
		return []discovery.Space{sp}, err
	}
	return []discovery.Space{discovery.BlockSpace(area), discovery.AreaCodeSpace(area)}, nil
}

func spaceTitle(sp discovery.Space) string {
	switch {
	case sp.List != nil:
		return "from " + sim.Printable(sp.Name)
	case sp.Name == "555-01xx":
		return "the fictional block " + strings.TrimPrefix(sp.Prefix, "tel:") + "xx"
	}
	return "area code " + sp.Name
}

func writeReverseText(out io.Writer, res discovery.ReverseResult) {
	for _, f := range res.Found {
		fmt.Fprintf(out, "  %s  %s\n", f.Hash, f.Handle.Address())
	}
	fmt.Fprintf(out, "Found %d; hashed %s numbers in %s on %s — %s hashes a second.\n",
		len(res.Found), count(res.Tried), roughDuration(res.Elapsed), sim.Plural(res.Workers, "core", "cores"), count(int64(res.Rate())))
}

// reverseJSON is one enumeration in the JSON document.
type reverseJSON struct {
	Space        string            `json:"space"`
	Tried        int64             `json:"tried"`
	Seconds      float64           `json:"seconds"`
	Workers      int               `json:"workers"`
	HashesPerSec float64           `json:"hashes_per_second"`
	Found        []discovery.Found `json:"found"`
	NotFound     []discovery.Hash  `json:"not_found"`
	NANPSeconds  float64           `json:"nanp_seconds_at_this_rate"`
}

func writeReverseJSON(out io.Writer, results []discovery.ReverseResult) error {
	docs := make([]reverseJSON, 0, len(results))
	for _, r := range results {
		d := reverseJSON{Space: r.Space, Tried: r.Tried, Seconds: r.Elapsed.Seconds(), Workers: r.Workers, HashesPerSec: r.Rate(),
			Found: r.Found, NotFound: r.NotFound, NANPSeconds: r.Extrapolate(discovery.NANPSize).Seconds()}
		if d.Found == nil {
			d.Found = []discovery.Found{}
		}
		if d.NotFound == nil {
			d.NotFound = []discovery.Hash{}
		}
		docs = append(docs, d)
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"design": sim.DesignHashed, "enumerations": docs})
}

// progressBar draws a bar on errOut when it is a terminal (stdout keeps
// only the results), at most ten times a second.
func progressBar(errOut io.Writer, quiet bool) discovery.Progress {
	f, ok := errOut.(*os.File)
	if quiet || !ok || !term.IsTerminal(f.Fd()) {
		return nil
	}
	var mu sync.Mutex
	var last time.Time
	return func(done, total int64) {
		mu.Lock()
		defer mu.Unlock()
		if done < total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		const width = 30
		filled := int(int64(width) * done / max(total, 1))
		fmt.Fprintf(errOut, "\r  [%s%s] %3d%%", strings.Repeat("#", filled), strings.Repeat(".", width-filled), 100*done/max(total, 1))
		if done >= total {
			fmt.Fprint(errOut, "\r\x1b[K")
		}
	}
}

// count writes n with thousands separators.
func count(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// roughDuration is a duration in the unit a person would use.
func roughDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
	case d < time.Second:
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	case d < 2*time.Minute:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d < 2*time.Hour:
		return fmt.Sprintf("%.0f minutes", d.Minutes())
	case d < 48*time.Hour:
		return fmt.Sprintf("%.1f hours", d.Hours())
	}
	return fmt.Sprintf("%.1f days", d.Hours()/24)
}
