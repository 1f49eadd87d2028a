package sqlitelog

import (
	"context"
	"strings"
	"testing"
	"time"

	"bluegreen/sim"
)

// TestPoliceQuestionsUseTheirIndexes asks SQLite how it would answer the two
// police questions: each must walk its own index and need no sort, or a
// return out of a million rows would scan them all.
func TestPoliceQuestionsUseTheirIndexes(t *testing.T) {
	ctx := context.Background()
	s, err := OpenMemory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	from := time.Date(2016, 9, 1, 0, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		filter sim.LogFilter
		index  string
	}{
		"pen register":   {sim.LogFilter{Source: "tel:+14155550100", From: from, To: from.AddDate(0, 0, 30)}, "log_by_source"},
		"trap and trace": {sim.LogFilter{Lookup: "tel:+14155550100", From: from, To: from.AddDate(0, 0, 30)}, "log_by_lookup"},
		"retained rows":  {sim.LogFilter{From: from}, "log_by_time"},
		"mine":           {sim.LogFilter{Source: "tel:+14155550100"}, "log_by_source"},
		"others":         {sim.LogFilter{NotSource: "tel:+14155550100"}, "log_by_time"},
	}
	for name, c := range cases {
		for _, backwards := range []bool{false, true} {
			query, args := entriesQuery(c.filter, backwards)
			plan := explain(t, s, query, args)
			t.Logf("%s: %s", name, plan)
			if !strings.Contains(plan, c.index) || strings.Contains(plan, "TEMP B-TREE") {
				t.Errorf("%s: plan %q; want %s and no sort", name, plan, c.index)
			}
		}
	}
}

// TestOnePersonEitherWayMergesTwoIndexes checks the log filter's "this
// person, either way": both police indexes, merged in time order, no sort.
func TestOnePersonEitherWayMergesTwoIndexes(t *testing.T) {
	s, err := OpenMemory(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, backwards := range []bool{false, true} {
		query, args := entriesQuery(sim.LogFilter{Either: "tel:+14155550132", Offset: 10, Limit: 30}, backwards)
		plan := explain(t, s, query, args)
		t.Log(plan)
		for _, want := range []string{"log_by_source", "log_by_lookup", "MERGE"} {
			if !strings.Contains(plan, want) {
				t.Errorf("plan %q lacks %s", plan, want)
			}
		}
		if strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("plan %q sorts", plan)
		}
	}
}

func explain(t *testing.T, s *Store, query string, args []any) string {
	t.Helper()
	rows, err := s.read.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "; ")
}
