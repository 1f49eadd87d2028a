package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"
	"bluegreen/tui/app"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// waitLimit bounds every wait for a screen: reaching it is a failure.
const waitLimit = 20 * time.Second

// testCode is the class code of every test class.
const testCode = "KXM-479"

// testClass is a class served on loopback for one test.
type testClass struct {
	t          *testing.T
	srv        *Server
	class      *sim.Class
	store      sim.LogStore
	addr       string
	hostKey    HostKey
	instructor gossh.Signer
	served     chan error
}

// classOption changes a test class before it starts.
type classOption func(*classSetup)

type classSetup struct {
	cfg      *Config
	scenario *sim.Scenario
	dir      string // the class's folder: its database and host key
}

// inFolder keeps the class's database and host key in dir, so a second
// class started there is the first one restarted.
func inFolder(dir string) classOption { return func(s *classSetup) { s.dir = dir } }

func withMax(n int) classOption { return func(s *classSetup) { s.cfg.Max = n } }

// withIdle closes sessions after d without activity.
func withIdle(d time.Duration) classOption { return func(s *classSetup) { s.cfg.Idle = d } }

// withoutRateLimit lifts the scenario's per-account rate limit (100 an
// hour), which a load test's typist would reach in seconds.
func withoutRateLimit() classOption {
	return func(s *classSetup) { s.scenario.RateLimit = sim.RateLimitSpec{} }
}

// startClass serves the classroom scenario on 127.0.0.1 with Apple's log
// and the roster in a SQLite file in the test's folder, as bluegreen
// serve does.
func startClass(t testing.TB, opts ...classOption) *testClass {
	t.Helper()
	ctx := context.Background()
	s, err := sim.LoadScenario(sim.DefaultScenario)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Code: testCode, Max: DefaultMax}
	setup := classSetup{cfg: &cfg, scenario: s}
	for _, o := range opts {
		o(&setup)
	}
	dir := setup.dir
	if dir == "" {
		dir = t.TempDir()
	}
	store, err := sqlitelog.Open(ctx, filepath.Join(dir, "class.db"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Roster = store
	class, err := sim.NewClass(ctx, s, store, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	hk, err := LoadOrCreateHostKey(filepath.Join(dir, "host_key"))
	if err != nil {
		t.Fatal(err)
	}
	instr := newSigner(t)
	cfg.Class, cfg.HostKey = class, hk
	cfg.Instructors = InstructorKeys{keys: []gossh.PublicKey{instr.PublicKey()}}
	cfg.Phone = startClassPhone
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tc := &testClass{srv: srv, class: class, store: store, addr: ln.Addr().String(), hostKey: hk, instructor: instr, served: make(chan error, 1)}
	go func() { tc.served <- srv.Serve(ln) }()
	t.Cleanup(func() { tc.stop(t) })
	return tc
}

// stop shuts the class down (once) and closes its log.
func (tc *testClass) stop(t testing.TB) {
	if tc.srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := tc.srv.Shutdown(ctx); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	select {
	case err := <-tc.served:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(waitLimit):
		t.Errorf("Serve still accepting %s after Shutdown", waitLimit)
	}
	if err := tc.store.Close(); err != nil {
		t.Errorf("closing the log: %v", err)
	}
	tc.srv = nil
}

// startClassPhone is a test class's phone screen: no colour.
func startClassPhone(w *sim.World, android bool) (tea.Model, error) {
	return app.NewStudent(w, app.StudentOptions{Theme: "none", Android: android})
}

func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// client is one SSH login with a terminal, read through an emulator.
type client struct {
	t      testing.TB
	conn   *gossh.Client
	sess   *gossh.Session
	stdin  io.WriteCloser
	emu    *vt.Emulator
	mu     sync.Mutex   // guards the emulator's screen and raw
	raw    bytes.Buffer // everything the server wrote, for after the screen closed
	done   chan struct{}
	store  sim.LogStore
	room   *classroom
	number sim.Handle // the phone's number once joined
}

// dial logs in as user with key (nil: keyboard-interactive, no key) on a
// w×h terminal.
func (tc *testClass) dial(t testing.TB, user string, key gossh.Signer, w, h int) *client {
	t.Helper()
	auth := []gossh.AuthMethod{gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })}
	if key != nil {
		auth = append([]gossh.AuthMethod{gossh.PublicKeys(key)}, auth...)
	}
	conn, err := gossh.Dial("tcp", tc.addr, &gossh.ClientConfig{
		User: user, Auth: auth, HostKeyCallback: gossh.FixedHostKey(tc.hostKey.Signer.PublicKey()), Timeout: waitLimit,
	})
	if err != nil {
		t.Fatalf("ssh %s: %v", user, err)
	}
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, conn: conn, sess: sess, stdin: stdin, emu: vt.NewEmulator(w, h), done: make(chan struct{}), store: tc.store, room: tc.srv.room}
	go c.read(stdout)
	go func() { _, _ = io.Copy(stdin, c.emu) }() // the terminal's answers to the program's queries
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.close)
	return c
}

func (c *client) read(stdout io.Reader) {
	defer close(c.done)
	buf := make([]byte, 32<<10)
	for {
		n, err := stdout.Read(buf)
		if n > 0 {
			c.mu.Lock()
			c.raw.Write(buf[:n])
			_, _ = c.emu.Write(buf[:n])
			c.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

func (c *client) close() {
	_ = c.sess.Close()
	_ = c.conn.Close()
	if pw, ok := c.emu.InputPipe().(*io.PipeWriter); ok {
		_ = pw.Close()
	}
}

// send types keys: text as it is, "\r" for enter, "\t" for tab, "\x03" ctrl+c.
func (c *client) send(keys ...string) {
	c.t.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(c.stdin, k); err != nil {
			c.t.Fatalf("typing %q: %v", k, err)
		}
	}
}

// typeSlowly types text a key at a time, as a person does, so an
// as-you-type phone sees every prefix.
func (c *client) typeSlowly(text string) {
	for _, r := range text {
		c.send(string(r))
		time.Sleep(5 * time.Millisecond)
	}
}

func (c *client) screen() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.emu.String()
}

// waitFor waits until the screen holds every want.
func (c *client) waitFor(step string, wants ...string) string {
	c.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		scr := c.screen()
		missing := ""
		for _, w := range wants {
			if !strings.Contains(scr, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return scr
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s: the screen never showed %q:\n%s", step, missing, scr)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitSent waits until text is a sent bubble in the thread, not still in
// the message field: what is typed shows before enter sends it, and a
// session closed in between rightly never sent it.
func (c *client) waitSent(step, text string) {
	c.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		scr := c.screen()
		if strings.Contains(scr, text) && !strings.Contains(scr, "Message: "+text) {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("%s: %q never reached the thread:\n%s", step, text, scr)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// ended waits for the server to close the session and returns all it
// wrote, as plain text.
func (c *client) ended(step string) string {
	c.t.Helper()
	select {
	case <-c.done:
	case <-time.After(waitLimit):
		c.t.Fatalf("%s: the session never ended:\n%s", step, c.screen())
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return ansi.Strip(c.raw.String())
}

// join types a name and the class code on the join screen and waits for
// the phone.
func (c *client) join(name string) {
	c.t.Helper()
	c.waitFor("join screen", "join the class")
	c.send(name, "\r", testCode, "\r", "\r")
	c.waitFor(name+"'s phone", name+" · Wi-Fi")
	c.number = c.numberOf(name)
}

// rosterNow is the class's roster.
func (c *client) rosterNow() []RosterRow {
	rows, err := c.room.roster(context.Background())
	if err != nil {
		c.t.Fatal(err)
	}
	return rows
}

// numberOf finds the number the class gave name.
func (c *client) numberOf(name string) sim.Handle {
	for _, r := range c.rosterNow() {
		if r.Name == name {
			return r.Number
		}
	}
	c.t.Fatalf("%s is not on the roster", name)
	return ""
}

// lookUp types a number into the To: field and waits until Apple has
// logged it — or, when fromCache, until the phone says its cache answered.
func (c *client) lookUp(number string) { c.lookUpWant(number, true) }

func (c *client) lookUpWant(number string, logged bool) {
	c.t.Helper()
	before := c.rows()
	c.typeSlowly(number)
	deadline := time.Now().Add(waitLimit)
	for logged && c.rows() == before {
		if time.Now().After(deadline) {
			c.t.Fatalf("the lookup of %s never reached Apple's log:\n%s", number, c.screen())
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.waitFor("the answer to "+number, "+1"+digits(number))
}

// rows is how many rows Apple's log holds from this client's phone.
func (c *client) rows() int {
	c.t.Helper()
	if c.number == "" {
		return 0
	}
	n, err := c.store.Count(context.Background(), sim.LogFilter{Source: c.number})
	if err != nil {
		c.t.Fatal(err)
	}
	return n
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// studentNumber is the nth student's number (1-based), in join order.
func studentNumber(n int) string { return fmt.Sprintf("415555%04d", 100+n) }

func marshalAuthorized(s gossh.Signer) []byte { return gossh.MarshalAuthorizedKey(s.PublicKey()) }
