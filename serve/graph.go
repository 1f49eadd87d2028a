package serve

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"bluegreen/sim"
)

// Edge is "From looked To up Count times" in Apple's log.
type Edge struct {
	From, To sim.Handle
	Count    int
}

// Graph is who looked up whom: the picture police can draw from lookup
// logs without a single message.
type Graph struct {
	Edges []Edge // most lookups first
	out   map[sim.Handle][]Edge
	in    map[sim.Handle][]Edge
}

// BuildGraph counts the edges in rows (a row is one lookup, so a repeated
// lookup thickens an edge).
func BuildGraph(rows []sim.LogEntry) Graph {
	counts := map[[2]sim.Handle]int{}
	for _, r := range rows {
		counts[[2]sim.Handle{r.SourceHandle, r.LookupHandle}]++
	}
	g := Graph{out: map[sim.Handle][]Edge{}, in: map[sim.Handle][]Edge{}}
	for k, n := range counts {
		g.Edges = append(g.Edges, Edge{From: k[0], To: k[1], Count: n})
	}
	slices.SortFunc(g.Edges, func(a, b Edge) int {
		return cmp.Or(b.Count-a.Count, cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	for _, e := range g.Edges {
		g.out[e.From] = append(g.out[e.From], e)
		g.in[e.To] = append(g.in[e.To], e)
	}
	return g
}

// Out is whom h looked up, most often first.
func (g Graph) Out(h sim.Handle) []Edge { return g.out[h] }

// In is who looked h up, most often first.
func (g Graph) In(h sim.Handle) []Edge { return g.in[h] }

// namer turns a handle into the label the class knows it by.
type namer func(sim.Handle) string

func namesFrom(names map[sim.Handle]string) namer {
	return func(h sim.Handle) string {
		if n, ok := names[h]; ok {
			return n
		}
		return h.Address()
	}
}

// EdgeLines draws every edge as "Ana ──▶ Ben  ×3", at most limit lines.
func (g Graph) EdgeLines(name namer, limit int) []string {
	if len(g.Edges) == 0 {
		return []string{"(no lookups yet)"}
	}
	width := 0
	for _, e := range g.Edges {
		width = max(width, len([]rune(name(e.From))))
	}
	var out []string
	for i, e := range g.Edges {
		if i == limit-1 && len(g.Edges) > limit {
			out = append(out, fmt.Sprintf("… and %d more edges", len(g.Edges)-i))
			break
		}
		out = append(out, fmt.Sprintf("%-*s ──▶ %s  ×%d", width, name(e.From), name(e.To), e.Count))
	}
	return out
}

// HopLines draws h's lookups two levels deep as a tree — whom h looked
// up, and whom they looked up — then who looked h up.
func (g Graph) HopLines(h sim.Handle, name namer) []string {
	lines := []string{name(h) + "  (" + h.Address() + ")"}
	first := g.Out(h)
	if len(first) == 0 {
		lines = append(lines, "└─ looked nobody up")
	}
	for i, e := range first {
		branch, indent := "├─▶ ", "│   "
		if i == len(first)-1 {
			branch, indent = "└─▶ ", "    "
		}
		lines = append(lines, fmt.Sprintf("%s%s ×%d", branch, name(e.To), e.Count))
		second := g.Out(e.To)
		for j, e2 := range second {
			b2 := "├─▶ "
			if j == len(second)-1 {
				b2 = "└─▶ "
			}
			mark := ""
			if e2.To == h {
				mark = "  (back to " + name(h) + ")"
			}
			lines = append(lines, fmt.Sprintf("%s%s%s ×%d%s", indent, b2, name(e2.To), e2.Count, mark))
		}
	}
	in := g.In(h)
	who := make([]string, len(in))
	for i, e := range in {
		who[i] = fmt.Sprintf("%s ×%d", name(e.From), e.Count)
	}
	if len(who) == 0 {
		who = []string{"nobody"}
	}
	return append(lines, "◀── looked "+name(h)+" up: "+strings.Join(who, ", "))
}
