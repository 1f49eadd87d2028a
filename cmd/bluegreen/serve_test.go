package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// serveChildEnv carries the arguments of `bluegreen serve` (separated by
// the unit separator, U+001F: an environment holds no NUL) to the test
// binary re-run as the program.
const serveChildEnv = "BLUEGREEN_SERVE_CHILD_ARGS"

// TestServeChild is not a test: it is the program, when the test below
// runs this binary again with serveChildEnv set.
func TestServeChild(t *testing.T) {
	args := os.Getenv(serveChildEnv)
	if args == "" {
		t.Skip("runs only as the child of TestServeEndsEverySessionOnSIGTERM")
	}
	ctx, signalled := onSignals(context.Background())
	code := run(ctx, strings.Split(args, "\x1f"), os.Stdin, os.Stdout, os.Stderr)
	if sig, ok := signalled(); ok {
		code = exitSignal + int(sig)
	}
	os.Exit(code)
}

// TestServeEndsEverySessionOnSIGTERM runs `bluegreen serve` as a process
// on a free loopback port, with a student who made a lookup and the
// instructor's console open, then sends it SIGTERM: every session gets the
// goodbye line, the program exits as a signalled one does, and Apple's log
// is whole and closed (no write-ahead log left behind).
func TestServeEndsEverySessionOnSIGTERM(t *testing.T) {
	dir := t.TempDir()
	instructor := newTestSigner(t)
	keys := filepath.Join(dir, "instructor.pub")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(instructor.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "class.db")
	args := []string{"serve", "--listen", "127.0.0.1:0", "--db", db, "--host-key", filepath.Join(dir, "host_key"), "--instructor-key", keys}
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$")
	cmd.Env = append(os.Environ(), serveChildEnv+"="+strings.Join(args, "\x1f"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	banner := readBanner(t, out)
	addr, code := banner["listening on"], banner["Class code:"]

	student := dialTerm(t, addr, "student", newTestSigner(t))
	student.waitFor(t, "join the class")
	student.send(t, "Kim\r"+code+"\r\r")
	student.waitFor(t, "0 lookups sent to Apple")
	for _, r := range "4155550132" {
		student.send(t, string(r))
		time.Sleep(5 * time.Millisecond)
	}
	student.waitFor(t, "1 lookup sent to Apple")
	console := dialTerm(t, addr, "instructor", instructor)
	console.waitFor(t, "INSTRUCTOR")

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	const goodbye = "The class is over: the instructor stopped the server. Goodbye."
	for name, c := range map[string]*sshTerm{"the student": student, "the console": console} {
		if got := c.ended(t); !strings.Contains(got, goodbye) {
			t.Errorf("%s's last words: %q", name, lastWords(got))
		}
	}
	rest, _ := io.ReadAll(out)
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitSignal+int(syscall.SIGTERM) {
		t.Errorf("bluegreen serve after SIGTERM: %v (want exit %d); stderr:\n%s", err, exitSignal+int(syscall.SIGTERM), stderr.String())
	}
	if !strings.Contains(string(rest), "Class ended. Apple's log keeps") {
		t.Errorf("no closing line after SIGTERM:\n%s", rest)
	}
	if fi, err := os.Stat(db + "-wal"); err == nil && fi.Size() > 0 {
		t.Errorf("the database was not closed cleanly: %s-wal holds %d bytes", db, fi.Size())
	}
	store, err := sqlitelog.Open(context.Background(), db)
	if err != nil {
		t.Fatalf("reopening Apple's log after SIGTERM: %v", err)
	}
	defer store.Close()
	kim, _ := sim.ParseHandle("+1 415 555 0101", "US")
	if n, err := store.Count(context.Background(), sim.LogFilter{Source: kim}); err != nil || n != 1 {
		t.Errorf("after SIGTERM Apple's log holds %d rows from the student (%v), want 1", n, err)
	}
}

// readBanner reads the serve banner's lines up to the one about the log,
// as label → value.
func readBanner(t *testing.T, out io.Reader) map[string]string {
	t.Helper()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
			if strings.Contains(sc.Text(), "Apple's log:") {
				close(lines)
				return
			}
		}
		close(lines)
	}()
	got := map[string]string{}
	field := regexp.MustCompile(`(listening on|Class code:)\s+(\S+)`)
	timeout := time.After(30 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				if got["listening on"] == "" || got["Class code:"] == "" {
					t.Fatalf("the banner lacks the address or the code: %v", got)
				}
				return got
			}
			if m := field.FindStringSubmatch(l); m != nil {
				got[m[1]] = m[2]
			}
		case <-timeout:
			t.Fatal("bluegreen serve printed no banner in 30 s")
		}
	}
}

func newTestSigner(t *testing.T) gossh.Signer {
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

// sshTerm is an SSH session with a terminal, read through an emulator.
type sshTerm struct {
	stdin io.Writer
	mu    sync.Mutex
	emu   *vt.Emulator
	raw   bytes.Buffer
	done  chan struct{}
}

func dialTerm(t *testing.T, addr, user string, key gossh.Signer) *sshTerm {
	t.Helper()
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: user, Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 20 * time.Second, // a fresh host key, on loopback
	})
	if err != nil {
		t.Fatalf("ssh %s@%s: %v", user, addr, err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	stdin, _ := sess.StdinPipe()
	stdout, _ := sess.StdoutPipe()
	c := &sshTerm{stdin: stdin, emu: vt.NewEmulator(120, 40), done: make(chan struct{})}
	go c.read(stdout)
	go func() { _, _ = io.Copy(stdin, c.emu) }()
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *sshTerm) read(r io.Reader) {
	defer close(c.done)
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		c.mu.Lock()
		c.raw.Write(buf[:n])
		_, _ = c.emu.Write(buf[:n])
		c.mu.Unlock()
		if err != nil {
			return
		}
	}
}

func (c *sshTerm) send(t *testing.T, s string) {
	t.Helper()
	if _, err := io.WriteString(c.stdin, s); err != nil {
		t.Fatal(err)
	}
}

func (c *sshTerm) waitFor(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		c.mu.Lock()
		scr := c.emu.String()
		c.mu.Unlock()
		if strings.Contains(scr, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the screen never showed %q:\n%s", want, scr)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// ended waits for the session to close and returns all it printed, plain.
func (c *sshTerm) ended(t *testing.T) string {
	t.Helper()
	select {
	case <-c.done:
	case <-time.After(20 * time.Second):
		t.Fatal("the session never ended")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return ansi.Strip(c.raw.String())
}

func lastWords(s string) string {
	s = strings.TrimSpace(s)
	return s[max(len(s)-160, 0):]
}

// A database whose class was taught on another scenario, or whose roster
// was edited into what no join writes, is the user's mistake: serve
// refuses it before listening, says how to go on, and changes nothing.
func TestServeRefusesARosterItCannotRestore(t *testing.T) {
	for _, tc := range []struct {
		why   string
		class sqlitelog.ClassInfo
		m     *sqlitelog.ClassMember
		want  string
	}{
		{"another scenario", sqlitelog.ClassInfo{Scenario: "someone else's", Began: time.Unix(0, 0)}, nil, "taught on another scenario"},
		{"an edited name", sqlitelog.ClassInfo{Scenario: "classroom", Began: time.Unix(0, 0)},
			&sqlitelog.ClassMember{Seat: 1, Name: "\x1b]0;owned\x07", Number: "tel:+14155550101", WiFiIP: "192.0.2.10", CellIP: "198.51.100.10", Joined: time.Unix(1, 0)},
			`seat 1: "\x1b]0;owned\a" is not a name`},
		{"a name too long to read", sqlitelog.ClassInfo{Scenario: "classroom", Began: time.Unix(0, 0)},
			&sqlitelog.ClassMember{Seat: 1, Name: strings.Repeat("K", 1000), Number: "tel:+14155550101", WiFiIP: "192.0.2.10", CellIP: "198.51.100.10", Joined: time.Unix(1, 0)},
			"longer than 256 bytes"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "class.db")
			store, err := sqlitelog.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			if err := store.BeginClass(context.Background(), tc.class); err != nil {
				t.Fatal(err)
			}
			if tc.m != nil {
				if err := store.AddClassMember(context.Background(), *tc.m); err != nil {
					t.Fatal(err)
				}
			}
			store.Close()
			var out, errOut bytes.Buffer
			code := run(context.Background(), []string{"serve", "--listen", "127.0.0.1:0", "--db", db, "--host-key", filepath.Join(dir, "hk")}, strings.NewReader(""), &out, &errOut)
			if code != exitUsage || !strings.Contains(errOut.String(), tc.want) || !strings.Contains(errOut.String(), "--new-class") ||
				strings.Contains(out.String(), "listening on") {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d naming %q and --new-class", code, out.String(), errOut.String(), exitUsage, tc.want)
			}
		})
	}
}

// serve takes the console's --theme (a projector wants high-contrast) and
// --export-dir; a theme that is not one is refused before anything starts.
func TestServeTakesTheConsolesThemeAndExportDir(t *testing.T) {
	dir := t.TempDir()
	args := []string{"serve", "--listen", "127.0.0.1:0", "--db", filepath.Join(dir, "class.db"), "--host-key", filepath.Join(dir, "hk")}
	code, out, errOut := runCLI(t, append(args, "--theme", "sepia")...)
	if code != exitUsage || !strings.Contains(errOut, "--theme") || strings.Contains(out, "listening on") {
		t.Errorf("serve --theme sepia: exit %d, stdout %q, stderr %q; want a usage error naming --theme", code, out, errOut)
	}
	code, _, errOut = runCLI(t, append(args, "--theme", "high-contrast", "--export-dir", dir, "--max", "0")...)
	if strings.Contains(errOut, "unknown flag") || !strings.Contains(errOut, "--max 0") {
		t.Errorf("serve --theme high-contrast --export-dir DIR: exit %d, stderr %q; want both flags taken (and --max 0 refused)", code, errOut)
	}
}
