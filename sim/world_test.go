package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// newClassroom builds the built-in classroom world with an in-memory log.
func newClassroom(t testing.TB) *World {
	t.Helper()
	return newWorld(t, DefaultScenario)
}

func newWorld(t testing.TB, name string) *World {
	t.Helper()
	s, err := LoadScenario(name)
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.Build(context.Background(), NewMemoryLog())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// logRows are the rows the phone's own lookups left (other accounts'
// scheduled lookups are tested in others_test.go).
func logRows(t testing.TB, w *World) []LogEntry {
	t.Helper()
	rows, err := w.Server.Log().Entries(context.Background(), LogFilter{Source: w.Phone.Self})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// typeChars types text one character at a time into the To: field.
func typeChars(t testing.TB, w *World, field *string, text string) {
	t.Helper()
	for _, r := range text {
		*field += string(r)
		if _, _, err := w.TypeTo(context.Background(), *field); err != nil {
			t.Fatal(err)
		}
	}
}

func backspace(t testing.TB, w *World, field *string) {
	t.Helper()
	*field = (*field)[:len(*field)-1]
	if _, _, err := w.TypeTo(context.Background(), *field); err != nil {
		t.Fatal(err)
	}
}

func TestLookupLogsThePoliceColumns(t *testing.T) {
	w := newClassroom(t)
	res, err := w.Lookup(context.Background(), []Handle{ana}, TriggerCommitted)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Exchanges) != 1 || res.Answers[0].Devices != 3 || res.Answers[0].Source != FromApple {
		t.Fatalf("lookup of Ana: %+v", res)
	}
	rows := logRows(t, w)
	want := LogEntry{ID: 1, Time: time.Date(2016, 9, 26, 16, 0, 0, 0, time.UTC), SourceHandle: "tel:+14155550100", LookupHandle: ana, ClientIP: "203.0.113.24", LookupDevices: 3, Design: DesignApple}
	if len(rows) != 1 || rows[0] != want {
		t.Fatalf("log = %+v, want [%+v]", rows, want)
	}
	truths, _ := w.Server.Log().Truths(context.Background(), []int64{1})
	if got := truths[1]; got.App != "Messages" || got.Action != "confirmed recipient" || got.Messaged {
		t.Errorf("ground truth = %+v", got)
	}
}

func TestQueryOnTheWire(t *testing.T) {
	w := newClassroom(t)
	res, _ := w.Lookup(context.Background(), []Handle{ana, dev}, TriggerCommitted)
	q := res.Exchanges[0].Query
	checks := map[string]string{
		"bag key":       q.BagKey,
		"url":           q.URL,
		"apns topic":    q.Transport.APNsTopic,
		"self uri":      q.Headers.Get("x-id-self-uri"),
		"protocol":      q.Headers.Get("x-protocol-version"),
		"apns command":  fmt.Sprint(q.Transport.APNsCommand),
		"user agent ok": fmt.Sprint(len(q.Headers.Get("user-agent")) > len("com.apple.madrid-lookup")),
	}
	want := map[string]string{
		"bag key": "id-query", "url": "https://query.ess.apple.com/WebObjects/QueryService.woa/wa/query",
		"apns topic": "com.apple.madrid", "self uri": "tel:+14155550100", "protocol": "1640", "apns command": "96", "user agent ok": "true",
	}
	for k, v := range want {
		if checks[k] != v {
			t.Errorf("%s = %q, want %q", k, checks[k], v)
		}
	}
	if len(q.Body.URIs) != 2 || q.Body.URIs[0] != ana || q.Body.URIs[1] != dev {
		t.Errorf("body uris = %v", q.Body.URIs)
	}
	for _, h := range []string{"x-push-token", "x-id-cert", "x-id-nonce", "x-id-sig"} {
		if q.Headers.Get(h) == "" {
			t.Errorf("header %s is empty", h)
		}
	}
	resp := res.Exchanges[0].Response
	if resp.Status != 0 || len(resp.Results[ana].Identities) != 3 || len(resp.Results[dev].Identities) != 2 {
		t.Errorf("response = %+v", resp)
	}
	id := resp.Results[ana].Identities[0]
	if id.PushToken == "" || id.SessionToken == "" || id.SessionTokenRefreshSeconds <= 0 || id.SessionTokenExpiresSeconds <= 0 {
		t.Errorf("identity fields missing: %+v", id)
	}
}

func TestUnregisteredHandleGetsEmptyIdentities(t *testing.T) {
	w := newClassroom(t)
	res, _ := w.Lookup(context.Background(), []Handle{ben}, TriggerCommitted)
	raw, err := json.Marshal(res.Exchanges[0].Response)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"status":0,"results":{"tel:+14155550147":{"status":0,"identities":[]}}}`; string(raw) != want {
		t.Errorf("response JSON = %s, want %s", raw, want)
	}
	if rows := logRows(t, w); len(rows) != 1 || rows[0].LookupDevices != 0 {
		t.Errorf("an unregistered number is still logged with 0 devices: %+v", rows)
	}
}

func TestQueriesSplitAtTwenty(t *testing.T) {
	w := newClassroom(t)
	var hs []Handle
	for i := range 45 {
		hs = append(hs, Handle(fmt.Sprintf("tel:+1415555%04d", 100+i)))
	}
	res, err := w.Lookup(context.Background(), hs, TriggerCard)
	if err != nil {
		t.Fatal(err)
	}
	sizes := []int{}
	for _, ex := range res.Exchanges {
		sizes = append(sizes, len(ex.Query.Body.URIs))
	}
	if fmt.Sprint(sizes) != "[20 20 5]" {
		t.Errorf("batch sizes = %v, want [20 20 5]", sizes)
	}
	if got := len(logRows(t, w)); got != 45 {
		t.Errorf("log rows = %d, want one per handle (45)", got)
	}
}

func TestCachedRepeatSendsAndLogsNothing(t *testing.T) {
	w := newClassroom(t)
	ctx := context.Background()
	w.Lookup(ctx, []Handle{ana}, TriggerTyped)
	w.Advance(ctx, 23*time.Hour)
	res, _ := w.Lookup(ctx, []Handle{ana}, TriggerTyped)
	if len(res.Exchanges) != 0 || res.Answers[0].Source != FromCache || res.Answers[0].Devices != 3 {
		t.Fatalf("repeat inside 24 h: %+v", res)
	}
	if got := len(logRows(t, w)); got != 1 {
		t.Fatalf("log rows after cached repeat = %d, want 1", got)
	}
	w.Advance(ctx, time.Hour)
	res, _ = w.Lookup(ctx, []Handle{ana}, TriggerTyped)
	if len(res.Exchanges) != 1 || len(logRows(t, w)) != 2 {
		t.Errorf("after 24 h a positive answer is refreshed: %d exchanges, %d rows", len(res.Exchanges), len(logRows(t, w)))
	}
}

func TestNegativeAnswersExpireSooner(t *testing.T) {
	w := newClassroom(t)
	ctx := context.Background()
	w.Lookup(ctx, []Handle{ben, ana}, TriggerTyped)
	w.Advance(ctx, 61*time.Minute)
	res, _ := w.Lookup(ctx, []Handle{ben, ana}, TriggerTyped)
	if len(res.Exchanges) != 1 || len(res.Exchanges[0].Query.Body.URIs) != 1 || res.Exchanges[0].Query.Body.URIs[0] != ben {
		t.Fatalf("after an hour only Ben (negative) is asked again: %+v", res.Exchanges)
	}
	if res.Answers[1].Source != FromCache {
		t.Errorf("Ana (positive) should still come from the cache: %v", res.Answers[1].Source)
	}
}

func TestCacheExpiresAfterAWeek(t *testing.T) {
	c := NewCache(DefaultCacheTTL())
	t0 := time.Date(2016, 9, 1, 0, 0, 0, 0, time.UTC)
	c.Put(CacheEntry{Handle: ana, Devices: 3, FetchedAt: t0})
	for _, tt := range []struct {
		age  time.Duration
		want CacheState
	}{{0, CacheFresh}, {24*time.Hour - 1, CacheFresh}, {24 * time.Hour, CacheStale}, {7*24*time.Hour - 1, CacheStale}, {7 * 24 * time.Hour, CacheMiss}} {
		if _, got := c.Get(ana, t0.Add(tt.age)); got != tt.want {
			t.Errorf("age %s: state %v, want %v", tt.age, got, tt.want)
		}
	}
}

func TestClearCacheMakesTheNextLookupLogAgain(t *testing.T) {
	w := newClassroom(t)
	ctx := context.Background()
	w.Lookup(ctx, []Handle{ana}, TriggerTyped)
	w.Phone.Cache.Clear()
	w.Lookup(ctx, []Handle{ana}, TriggerTyped)
	if got := len(logRows(t, w)); got != 2 {
		t.Errorf("rows = %d, want 2", got)
	}
}

func TestTypoCorrectedAsYouTypeLeavesTwoRows(t *testing.T) {
	w := newClassroom(t)
	field := ""
	typeChars(t, w, &field, "415 555 0131")
	backspace(t, w, &field)
	typeChars(t, w, &field, "2")
	rows := logRows(t, w)
	if len(rows) != 2 || rows[0].LookupHandle != "tel:+14155550131" || rows[1].LookupHandle != ana {
		t.Fatalf("log = %+v, want rows for 0131 (a stranger) and 0132", rows)
	}
	truths, _ := w.Server.Log().Truths(context.Background(), []int64{rows[0].ID})
	if truths[rows[0].ID].Action != "typed in To: field" {
		t.Errorf("trigger = %+v", truths[rows[0].ID])
	}
}

func TestTriggerPolicies(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		policy                       TriggerPolicy
		afterTyping, afterCommit, af int
	}{
		{AsYouType, 2, 2, 2},
		{OnCommit, 0, 1, 1},
		{OnSend, 0, 0, 1},
	} {
		t.Run(tt.policy.String(), func(t *testing.T) {
			w := newClassroom(t)
			w.Policy = tt.policy
			field := ""
			typeChars(t, w, &field, "415555013")
			typeChars(t, w, &field, "1")
			backspace(t, w, &field)
			typeChars(t, w, &field, "2")
			if got := len(logRows(t, w)); got != tt.afterTyping {
				t.Errorf("after typing: %d rows, want %d", got, tt.afterTyping)
			}
			p, _, err := w.Commit(ctx, field)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(logRows(t, w)); got != tt.afterCommit {
				t.Errorf("after commit: %d rows, want %d", got, tt.afterCommit)
			}
			if _, err := w.Send(ctx, []Handle{p.Handle}, "hi"); err != nil {
				t.Fatal(err)
			}
			if got := len(logRows(t, w)); got != tt.af {
				t.Errorf("after send: %d rows, want %d", got, tt.af)
			}
		})
	}
}

func TestCommitRefusesIncompleteInput(t *testing.T) {
	w := newClassroom(t)
	if _, _, err := w.Commit(context.Background(), "415 555"); err == nil {
		t.Error("committing an incomplete number succeeded")
	}
}

func TestOpeningAContactCardLooksUpAndSaysSo(t *testing.T) {
	w := newClassroom(t)
	if _, err := w.OpenContact(context.Background(), "Emma"); err != nil {
		t.Fatal(err)
	}
	rows := logRows(t, w)
	if len(rows) != 1 || rows[0].LookupHandle != "tel:+447700900123" {
		t.Fatalf("log = %+v", rows)
	}
	truths, _ := w.Server.Log().Truths(context.Background(), []int64{rows[0].ID})
	if tr := truths[rows[0].ID]; tr.App != "Contacts" || tr.Action != "opened contact card" {
		t.Errorf("trigger = %+v", tr)
	}
	if _, err := w.OpenContact(context.Background(), "Nobody"); err == nil {
		t.Error("opening a missing contact succeeded")
	}
}

func TestSendRecordsGroundTruthApartFromTheLog(t *testing.T) {
	w := newClassroom(t)
	ctx := context.Background()
	field := ""
	typeChars(t, w, &field, "4155550199") // typed and abandoned
	if _, err := w.Send(ctx, []Handle{ana}, "hello"); err != nil {
		t.Fatal(err)
	}
	rows := logRows(t, w)
	if len(rows) != 2 {
		t.Fatalf("rows = %+v", rows)
	}
	truths, _ := w.Server.Log().Truths(ctx, []int64{rows[0].ID, rows[1].ID})
	if truths[rows[0].ID].Messaged || !truths[rows[1].ID].Messaged {
		t.Errorf("messaged flags = %v, %v; want false (abandoned), true (Ana)", truths[rows[0].ID].Messaged, truths[rows[1].ID].Messaged)
	}
	raw, _ := json.Marshal(rows[1])
	if bytes.Contains(raw, []byte("messaged")) || bytes.Contains(raw, []byte("Messages")) {
		t.Errorf("ground truth leaked into the police row: %s", raw)
	}
}

func TestOfflineWithoutSendAsSMSIsNotDelivered(t *testing.T) {
	w := newClassroom(t)
	ctx := context.Background()
	w.Lookup(ctx, []Handle{ana}, TriggerTyped)
	w.Phone.Network = Offline
	w.Phone.Settings.SendAsSMS = false
	res, err := w.Send(ctx, []Handle{ana}, "are you there?")
	if err != nil {
		t.Fatal(err)
	}
	if res.Message.Decision.Route != RouteNotDelivered {
		t.Fatalf("route = %v, want not delivered", res.Message.Decision.Route)
	}
	msg, err := w.SendAsText(ctx, 0)
	if err != nil || msg.Decision.Route != RouteSMS || msg.Decision.Label != "Sent as Text Message" {
		t.Errorf("Send as Text Message: %+v, %v", msg.Decision, err)
	}
}

// Try Again replaces the Not Delivered message with the new attempt.
func TestTryAgainReplacesTheMessage(t *testing.T) {
	w := newClassroom(t)
	ctx := context.Background()
	w.Lookup(ctx, []Handle{ana}, TriggerTyped)
	w.Phone.Network, w.Phone.Settings.SendAsSMS = Offline, false
	if _, err := w.Send(ctx, []Handle{ana}, "are you there?"); err != nil {
		t.Fatal(err)
	}
	w.Phone.Network = WiFi
	res, err := w.TryAgain(ctx, 0)
	if err != nil || res.Message.Decision.Route != RouteIMessage {
		t.Fatalf("Try Again online: %+v, %v", res.Message.Decision, err)
	}
	if len(w.Thread) != 1 || w.Thread[0].Text != "are you there?" || w.Thread[0].Decision.Route != RouteIMessage {
		t.Errorf("thread after Try Again: %+v, want the one message, delivered", w.Thread)
	}
	if _, err := w.TryAgain(ctx, 1); err == nil {
		t.Error("Try Again on a message that does not exist: no error")
	}
}

func TestOfflineUncachedSendsNothingAndLogsNothing(t *testing.T) {
	w := newClassroom(t)
	w.Phone.Network = Offline
	res, _ := w.Lookup(context.Background(), []Handle{ana}, TriggerTyped)
	if len(res.Exchanges) != 0 || res.Answers[0].Source != Unreachable || len(logRows(t, w)) != 0 {
		t.Errorf("offline lookup: %+v, %d rows", res, len(logRows(t, w)))
	}
}

func TestIMessageOffAsksNothing(t *testing.T) {
	w := newClassroom(t)
	w.Phone.Settings.IMessage = false
	res, err := w.Send(context.Background(), []Handle{ana}, "hi")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Lookup.Exchanges) != 0 || len(logRows(t, w)) != 0 || res.Message.Decision.Route != RouteSMS {
		t.Errorf("iMessage off: %d exchanges, %d rows, route %v", len(res.Lookup.Exchanges), len(logRows(t, w)), res.Message.Decision.Route)
	}
}

func TestCellularChangesTheLoggedIP(t *testing.T) {
	w := newClassroom(t)
	w.Phone.Network = w.Phone.Network.Next()
	w.Lookup(context.Background(), []Handle{ben}, TriggerTyped)
	if rows := logRows(t, w); rows[0].ClientIP != "198.51.100.77" {
		t.Errorf("client IP on cellular = %s", rows[0].ClientIP)
	}
}

func TestRetentionEdges(t *testing.T) {
	for _, tt := range []struct {
		preset string
		days   int
	}{{Preset2016, 30}, {PresetToday, 25}} {
		t.Run(tt.preset, func(t *testing.T) {
			w := newClassroom(t)
			w.others = schedule{} // count only the row under test
			w.Server.retention = MustRetention(tt.preset)
			ctx := context.Background()
			w.Lookup(ctx, []Handle{ana}, TriggerTyped)
			w.Advance(ctx, time.Duration(tt.days)*24*time.Hour)
			if got := len(logRows(t, w)); got != 1 {
				t.Fatalf("a row exactly %d days old: %d rows, want it kept", tt.days, got)
			}
			purged, err := w.Advance(ctx, time.Second)
			if err != nil || purged != 1 || len(logRows(t, w)) != 0 {
				t.Errorf("one second later: purged %d (%v), %d rows left", purged, err, len(logRows(t, w)))
			}
		})
	}
}

func TestRateLimitAnswers7000AndLooksGreen(t *testing.T) {
	w := newClassroom(t)
	w.Server.limit = RateLimit{Max: 3, Per: time.Hour}
	ctx := context.Background()
	w.Lookup(ctx, []Handle{"tel:+14155550101", "tel:+14155550102", "tel:+14155550103"}, TriggerTyped)
	res, _ := w.Lookup(ctx, []Handle{ana}, TriggerTyped)
	if res.Exchanges[0].Response.Status != StatusRateLimit || res.Answers[0].Source != RateLimited {
		t.Fatalf("fourth lookup: %+v", res)
	}
	if d := w.Decide(res.Answers); d.Route != RouteSMS {
		t.Errorf("rate-limited Ana routes %v, want the false green SMS", d.Route)
	}
	if got := len(logRows(t, w)); got != 3 {
		t.Errorf("rows = %d, want 3 (refused lookup not logged — assumption)", got)
	}
	w.Advance(ctx, time.Hour)
	res, _ = w.Lookup(ctx, []Handle{ana}, TriggerTyped)
	if res.Answers[0].Source != FromApple || res.Answers[0].Devices != 3 {
		t.Errorf("an hour later the limit has passed: %+v", res.Answers[0])
	}
}

func TestClockNeverRunsBack(t *testing.T) {
	c := NewClock(time.Date(2016, 9, 1, 0, 0, 0, 0, time.UTC))
	if err := c.Advance(-time.Second); err == nil {
		t.Error("Advance(-1s) succeeded")
	}
	if err := c.Set(c.Now().Add(-time.Hour)); err == nil {
		t.Error("Set(earlier) succeeded")
	}
}

// run performs a fixed script of actions and returns everything visible.
func runScript(t *testing.T) []byte {
	t.Helper()
	w := newClassroom(t)
	ctx := context.Background()
	var out bytes.Buffer
	field := ""
	typeChars(t, w, &field, "4155550131")
	backspace(t, w, &field)
	typeChars(t, w, &field, "2")
	res, _ := w.Send(ctx, []Handle{ana, ben}, "hello")
	w.Advance(ctx, 2*time.Hour)
	w.Phone.Network = Cellular
	lr, _ := w.Lookup(ctx, []Handle{dev, ben, "mailto:nobody@example.com"}, TriggerCard)
	json.NewEncoder(&out).Encode(res)
	json.NewEncoder(&out).Encode(lr)
	json.NewEncoder(&out).Encode(logRows(t, w))
	return out.Bytes()
}

func TestSameScenarioAndActionsGiveIdenticalOutput(t *testing.T) {
	a, b := runScript(t), runScript(t)
	if !bytes.Equal(a, b) {
		t.Fatalf("two runs differ:\n%s\n---\n%s", a, b)
	}
	if len(a) < 1000 {
		t.Fatalf("script output suspiciously small: %d bytes", len(a))
	}
}

func TestMemoryLogStatsFollowAppendsAndPurges(t *testing.T) {
	w := newClassroom(t)
	w.others = schedule{} // only the phone's own rows
	ctx := context.Background()
	w.Lookup(ctx, []Handle{ana, ben}, TriggerTyped)
	w.Advance(ctx, 2*time.Hour)
	w.Lookup(ctx, []Handle{ben}, TriggerTyped)
	rows, distinct, _ := w.Server.Log().(LogStats).Stats(ctx)
	if rows != 3 || distinct != 2 {
		t.Fatalf("stats = %d rows, %d distinct; want 3, 2", rows, distinct)
	}
	w.Advance(ctx, 30*24*time.Hour-time.Hour)
	rows, distinct, _ = w.Server.Log().(LogStats).Stats(ctx)
	if rows != 1 || distinct != 1 {
		t.Errorf("after the first rows expire: %d rows, %d distinct; want 1, 1", rows, distinct)
	}
}
