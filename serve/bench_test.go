package serve

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"testing"
	"time"

	"bluegreen/sim"

	gossh "golang.org/x/crypto/ssh"
)

// benchSessions is how many students BenchmarkClassroom connects.
const benchSessions = 100

// benchEvery is how often each student presses a key: a quick typist's
// five keys a second, so a number (ten digits, then ctrl+n for the next)
// takes 2.2 s.
const benchEvery = 200 * time.Millisecond

// keysPerNumber is the ten digits of a number and the ctrl+n after it.
const keysPerNumber = 11

// benchKeys is every key a student types: each number's digits, then
// ctrl+n (a new message, which empties the To: field).
func benchKeys(numbers []string) []string {
	var keys []string
	for _, n := range numbers {
		for _, d := range n {
			keys = append(keys, string(d))
		}
		keys = append(keys, "\x0e")
	}
	return keys
}

// lookupsIn is how many numbers are complete after n keys: each asks Apple once.
func lookupsIn(n int) int {
	made := n / keysPerNumber
	if n%keysPerNumber >= keysPerNumber-1 {
		made++
	}
	return made
}

// typist is one benchmark student: an SSH session with a terminal whose
// output is not drawn, only timed.
type typist struct {
	stdin  io.Writer
	frames chan time.Time // when output arrived, one per read
	mu     sync.Mutex
	tail   []byte // the last output, to wait for a word
	conn   *gossh.Client
}

func (tc *testClass) typist(b *testing.B) *typist {
	b.Helper()
	conn, err := gossh.Dial("tcp", tc.addr, &gossh.ClientConfig{
		User: "student", Auth: []gossh.AuthMethod{gossh.PublicKeys(newSigner(b))},
		HostKeyCallback: gossh.FixedHostKey(tc.hostKey.Signer.PublicKey()), Timeout: waitLimit,
	})
	if err != nil {
		b.Fatal(err)
	}
	sess, err := conn.NewSession()
	if err != nil {
		b.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		b.Fatal(err)
	}
	stdin, _ := sess.StdinPipe()
	stdout, _ := sess.StdoutPipe()
	ty := &typist{stdin: stdin, frames: make(chan time.Time, 64), conn: conn}
	go ty.read(stdout)
	if err := sess.Shell(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = conn.Close() })
	return ty
}

func (ty *typist) read(stdout io.Reader) {
	buf := make([]byte, 32<<10)
	for {
		n, err := stdout.Read(buf)
		if n > 0 {
			now := time.Now()
			ty.mu.Lock()
			ty.tail = append(ty.tail, buf[:n]...)
			if len(ty.tail) > 64<<10 {
				ty.tail = ty.tail[len(ty.tail)-32<<10:]
			}
			ty.mu.Unlock()
			select {
			case ty.frames <- now:
			default:
			}
		}
		if err != nil {
			close(ty.frames)
			return
		}
	}
}

// waitWord waits until the output holds word.
func (ty *typist) waitWord(word string) error {
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		ty.mu.Lock()
		found := bytes.Contains(ty.tail, []byte(word))
		ty.mu.Unlock()
		if found {
			return nil
		}
		time.Sleep(5 * time.Millisecond)
	}
	return fmt.Errorf("the screen never showed %q", word)
}

// key writes one key and returns how long the changed frame took to come back.
func (ty *typist) key(k string) (time.Duration, error) {
	for len(ty.frames) > 0 { // frames from earlier work (a lookup's answer) are not this key's
		<-ty.frames
	}
	start := time.Now()
	if _, err := io.WriteString(ty.stdin, k); err != nil {
		return 0, err
	}
	select {
	case at, ok := <-ty.frames:
		if !ok {
			return 0, fmt.Errorf("the session closed")
		}
		return at.Sub(start), nil
	case <-time.After(5 * time.Second):
		return 0, fmt.Errorf("no frame 5 s after %q", k)
	}
}

// benchNumbers are distinct fictional numbers (555-0100…0199 in many area
// codes), so every number a phone types is new to its cache and reaches Apple.
func benchNumbers(b *testing.B, n int) []string {
	var out []string
	for area := 201; len(out) < n && area < 990; area++ {
		for line := 100; line < 200 && len(out) < n; line++ {
			digits := fmt.Sprintf("%d555%04d", area, line)
			if _, err := sim.ParseHandle(digits, "US"); err == nil {
				out = append(out, digits)
			}
		}
	}
	if len(out) < n {
		b.Fatalf("only %d fictional numbers", len(out))
	}
	return out
}

// BenchmarkClassroom connects 100 students over SSH on loopback; each types
// numbers, a key every 200 ms, every number new to the phone so each one
// reaches Apple. The students type independently: student i starts i/100
// of a number (22 ms) after student i-1, so the class's lookups arrive
// spread over time, about 45 a second, as a room's would. It reports
// keystroke-to-screen latency (from the key written to the changed frame
// read back), the server's heap, rows lost (lookups made that are not in
// Apple's log) and errors. One op is one round of every student pressing
// one key.
// Run with: go test ./serve -run '^$' -bench Classroom -benchtime 110x
func BenchmarkClassroom(b *testing.B) {
	benchmarkClassroom(b, benchEvery*keysPerNumber/benchSessions)
}

// BenchmarkClassroomInStep is the worst case of BenchmarkClassroom: the
// students type in step, a key each within the same 200 ms, so all 100
// finish a number in the same 200 ms and ask Apple at once, every 2.2 s.
func BenchmarkClassroomInStep(b *testing.B) {
	benchmarkClassroom(b, benchEvery/benchSessions)
}

// benchmarkClassroom runs the class with student i starting i×stagger
// after the first.
func benchmarkClassroom(b *testing.B, stagger time.Duration) {
	tc := startClass(b, withMax(benchSessions), withoutRateLimit())
	before := liveHeap()
	typists := make([]*typist, benchSessions)
	for i := range typists {
		typists[i] = tc.typist(b)
		if err := typists[i].waitWord("join the class"); err != nil {
			b.Fatal(err)
		}
		_, _ = io.WriteString(typists[i].stdin, fmt.Sprintf("Student %d\r%s\r\r", i+1, testCode))
		if err := typists[i].waitWord("Wi-Fi"); err != nil {
			b.Fatal(err)
		}
	}
	joined := liveHeap()
	numbers := benchNumbers(b, b.N/keysPerNumber+1)
	made := lookupsIn(b.N)

	var mu sync.Mutex
	var latencies []time.Duration
	errs := 0
	var wg sync.WaitGroup
	peak := watchHeap()
	b.ResetTimer()
	start := time.Now()
	for i, ty := range typists {
		wg.Add(1)
		go func() {
			defer wg.Done()
			offset := time.Duration(i) * stagger
			var mine []time.Duration
			bad := 0
			keys := benchKeys(numbers)
			for n := range b.N {
				time.Sleep(time.Until(start.Add(offset + time.Duration(n)*benchEvery)))
				d, err := ty.key(keys[n])
				if err != nil {
					bad++
					continue
				}
				mine = append(mine, d)
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	b.StopTimer()
	highest := peak()
	rows := settledRows(b, tc, benchSessions*made)
	sent := phonesSent(tc)
	typed := liveHeap()
	slices.Sort(latencies)
	perSession := func(bytes uint64) float64 {
		return float64(bytes-min(before, bytes)) / benchSessions / (1 << 20)
	}
	b.ReportMetric(ms(percentile(latencies, 0.50)), "p50-ms")
	b.ReportMetric(ms(percentile(latencies, 0.99)), "p99-ms")
	b.ReportMetric(perSession(joined), "joined-heap-MB/session")
	b.ReportMetric(perSession(typed), "heap-MB/session")
	b.ReportMetric(perSession(highest), "peak-heap-MB/session")
	b.ReportMetric(float64(sent-rows), "lost-rows")
	b.ReportMetric(float64(benchSessions*made-sent), "overtyped")
	b.ReportMetric(float64(errs), "errors")
	b.ReportMetric(float64(len(latencies)), "keys")
	b.ReportMetric(float64(benchSessions*made), "lookups")
	if errs > 0 || rows != sent {
		b.Errorf("%d errors; Apple's log holds %d of the %d lookups the phones sent", errs, rows, sent)
	}
}

// liveHeap is the heap the program holds, after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// watchHeap samples the heap (garbage included) every 50 ms without
// stopping the world, until the returned func is called; that returns the
// highest sample.
func watchHeap() (stop func() uint64) {
	done, result := make(chan struct{}), make(chan uint64, 1)
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var highest uint64
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			highest = max(highest, sample[0].Value.Uint64())
			select {
			case <-done:
				result <- highest
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-result }
}

// settledRows waits for the lookups still on their way to Apple: until
// want rows are logged, or the count has not grown for 5 s.
func settledRows(b *testing.B, tc *testClass, want int) int {
	rows, last, since := loggedRows(b, tc), -1, time.Now()
	for rows < want && time.Since(since) < 5*time.Second {
		if rows != last {
			last, since = rows, time.Now()
		}
		time.Sleep(50 * time.Millisecond)
		rows = loggedRows(b, tc)
	}
	return rows
}

// phonesSent is how many lookups the students' phones say they sent to
// Apple. A number whose next key came within phonepane.Overtyped of its
// last digit was never asked about (the phone never showed it asked): a
// session stalled by load can take two keys that close together.
func phonesSent(tc *testClass) int {
	tc.srv.room.mu.Lock()
	students := slices.Clone(tc.srv.room.students)
	tc.srv.room.mu.Unlock()
	n := 0
	for _, st := range students {
		st.mu.Lock()
		if s, ok := st.screen.(interface{ Asked() int }); ok {
			n += s.Asked()
		}
		st.mu.Unlock()
	}
	return n
}

// loggedRows is how many rows the students' lookups left in Apple's log.
func loggedRows(b *testing.B, tc *testClass) int {
	roster, err := tc.srv.room.roster(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, r := range roster {
		n += r.Lookups
	}
	return n
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(int(float64(len(sorted))*p), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
