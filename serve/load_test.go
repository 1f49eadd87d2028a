package serve

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"bluegreen/sim"
)

// TestStudentsTypingAtOnceLoseNoLookup is the class typing at once: each
// phone's screen counts as sent exactly the rows Apple logged from it,
// none twice; the number left standing in the To: field is among them,
// and no phone is left "asking Apple". (A number overtyped within
// phonepane.Overtyped may never be asked about: the phone never showed it
// asked.) One student leaves with a lookup on its way and comes back to
// find it made and answered.
func TestStudentsTypingAtOnceLoseNoLookup(t *testing.T) {
	const students, each = 6, 5
	tc := startClass(t, withoutRateLimit())
	clients := make([]*client, students)
	for i := range clients {
		clients[i] = tc.dial(t, "student", newSigner(t), 120, 40)
		clients[i].join(fmt.Sprintf("S%c", 'a'+i))
	}
	var wg sync.WaitGroup
	for i, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range each {
				if n > 0 {
					c.clearTo()
				}
				c.typeSlowly(fmt.Sprintf("%d5550%d", 201+i, 100+n)) // a number new to every phone
				time.Sleep(2 * phoneOvertyped)                      // it stood in the field: the phone asks about it
			}
		}()
	}
	wg.Wait()

	key := newSigner(t)
	leaver := tc.dial(t, "student", key, 120, 40)
	leaver.join("Leaving")
	leaver.typeSlowly("4155550132")
	leaver.waitFor("the number typed", "(415) 555-0132")
	leaver.close() // gone, the lookup perhaps still on its way (tui/app tests the queued case exactly)
	waitOffline(t, leaver, "Leaving")
	for i, c := range clients {
		last := handle(t, fmt.Sprintf("%d5550%d", 201+i, 100+each-1))
		who := fmt.Sprintf("student %d", i+1)
		sent := settled(t, tc, c, last, who)
		assertLoggedOnce(t, tc, c.number, sent, who)
	}
	back := tc.dial(t, "student", key, 120, 40)
	scr := back.waitFor("the returning student's phone", "Leaving ", "1 lookup sent to Apple", "■ Ana · iMessage")
	if strings.Contains(scr, "asking Apple") {
		t.Errorf("the returning student's phone is still asking Apple:\n%s", scr)
	}
	back.number = back.numberOf("Leaving")
	assertLoggedOnce(t, tc, back.number, 1, "the student who left")
}

// settled waits until c's screen counts as sent what Apple logged from
// it, the last number typed among it and nothing still being asked; it
// returns the count.
func settled(t *testing.T, tc *testClass, c *client, last sim.Handle, who string) int {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		rows, err := tc.store.Entries(context.Background(), sim.LogFilter{Source: c.number})
		if err != nil {
			t.Fatal(err)
		}
		scr := c.screen()
		counted := strings.Contains(scr, sim.Plural(len(rows), "lookup", "lookups")+" sent to Apple")
		if counted && !strings.Contains(scr, "asking Apple") && slices.ContainsFunc(rows, func(r sim.LogEntry) bool { return r.LookupHandle == last }) {
			return len(rows)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: Apple logged %d rows from the phone; its screen:\n%s", who, len(rows), scr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitOffline waits until the roster shows name away.
func waitOffline(t *testing.T, c *client, name string) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		for _, r := range c.rosterNow() {
			if r.Name == name && !r.Online {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s never left the roster's online list", name)
}

// phoneOvertyped mirrors phonepane.Overtyped: a change sooner than this
// makes the text before it never typed.
const phoneOvertyped = 100 * time.Millisecond

// assertLoggedOnce checks that Apple's log holds want rows from number,
// none of them for the same handle twice.
func assertLoggedOnce(t *testing.T, tc *testClass, number sim.Handle, want int, who string) {
	t.Helper()
	rows, err := tc.store.Entries(context.Background(), sim.LogFilter{Source: number})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[sim.Handle]int{}
	for _, r := range rows {
		seen[r.LookupHandle]++
		if seen[r.LookupHandle] == 2 {
			t.Errorf("%s: Apple logged the lookup of %s twice", who, r.LookupHandle)
		}
	}
	if len(rows) != want {
		t.Errorf("%s: Apple's log holds %d rows, the phone sent %d", who, len(rows), want)
	}
}
