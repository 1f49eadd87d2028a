package serve

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"bluegreen/sim"
)

func TestCleanName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Kim", "Kim"},
		{"  Kim   Lee  ", "Kim Lee"},
		{"K\x1b[31mim\x07", "Kim"},
		{"\x1b]0;owned\x07Lee", "Lee"},
		{"Zoë O'Neil-Smith", "Zoë O'Neil-Smith"},
		{"\u202eevil", "evil"},
		{"a\u200db", "ab"},
		{strings.Repeat("x", 40), strings.Repeat("x", MaxNameRunes)},
		{"李小龍", "李小龍"},
	} {
		got, err := CleanName(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("CleanName(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "   ", "\x1b[2J", "1234", "!!!"} {
		if got, err := CleanName(bad); !errors.Is(err, ErrBadName) {
			t.Errorf("CleanName(%q) = %q, %v; want ErrBadName", bad, got, err)
		}
	}
}

func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"Kim", "\x1b]0;title\x07Lee", "\u202eMax", strings.Repeat("é", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := CleanName(in)
		if err != nil {
			return
		}
		if utf8.RuneCountInString(got) > MaxNameRunes || !utf8.ValidString(got) {
			t.Fatalf("CleanName(%q) = %q: too long or not UTF-8", in, got)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x1b {
				t.Fatalf("CleanName(%q) = %q keeps control rune %U", in, got, r)
			}
		}
		if again, _ := CleanName(got); again != got {
			t.Fatalf("CleanName is not idempotent: %q → %q → %q", in, got, again)
		}
	})
}

func TestClassCodes(t *testing.T) {
	code, err := NewClassCode()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[` + codeAlphabet + `]{3}-[` + codeAlphabet + `]{3}$`).MatchString(code) {
		t.Errorf("class code %q", code)
	}
	for _, typed := range []string{code, strings.ToLower(code), strings.ReplaceAll(code, "-", " "), " " + code + " "} {
		if !codeMatches(typed, code) {
			t.Errorf("%q does not match %q", typed, code)
		}
	}
	if codeMatches("", code) || codeMatches(code[:5], code) {
		t.Error("a partial code matches")
	}
}

func TestNumbersAndAddressesAreFictionalAndFreeOfTheScenario(t *testing.T) {
	tc := startClass(t)
	room := tc.srv.room
	if len(room.numbers) < DefaultMax {
		t.Fatalf("only %d numbers for a class of %d", len(room.numbers), DefaultMax)
	}
	seen := map[sim.Handle]bool{}
	for _, h := range room.numbers {
		if !regexp.MustCompile(`^tel:\+1(415|628)55501\d\d$`).MatchString(string(h)) || seen[h] || tc.class.Taken(h) {
			t.Errorf("number %s: not 555-01xx, repeated, or a scenario person's", h)
		}
		seen[h] = true
	}
	if room.numbers[0] != "tel:+14155550101" {
		t.Errorf("the first student gets %s, want +1 415 555 0101", room.numbers[0])
	}
	for _, ips := range [][]string{room.wifi, room.cell} {
		for _, ip := range ips {
			if !sim.IsDocumentationIP(ip) || tc.class.IPTaken(ip) {
				t.Errorf("address %s", ip)
			}
		}
	}
}

func TestHostKeyIsMadePrivateAndReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "host")
	k1, err := LoadOrCreateHostKey(path)
	if err != nil || !k1.Made {
		t.Fatalf("first run: %v, made %v", err, k1.Made)
	}
	if info, _ := os.Stat(path); runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %04o, want 0600", info.Mode().Perm())
	}
	k2, err := LoadOrCreateHostKey(path)
	if err != nil || k2.Made || k2.Fingerprint() != k1.Fingerprint() {
		t.Fatalf("second run: %v, made %v, %s vs %s", err, k2.Made, k2.Fingerprint(), k1.Fingerprint())
	}
	if runtime.GOOS != "windows" {
		_ = os.Chmod(path, 0o644)
		if _, err := LoadOrCreateHostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("a readable host key: %v", err)
		}
	}
	junk := filepath.Join(t.TempDir(), "junk")
	_ = os.WriteFile(junk, []byte("not a key"), 0o600)
	if _, err := LoadOrCreateHostKey(junk); err == nil {
		t.Error("junk accepted as a host key")
	}
}

func TestInstructorKeys(t *testing.T) {
	a, b := newSigner(t), newSigner(t)
	file := filepath.Join(t.TempDir(), "authorized_keys")
	line := "# the instructor\n\nssh-ed25519 " + strings.Fields(string(marshalAuthorized(a)))[1] + " teacher@example.com\n"
	if err := os.WriteFile(file, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	ks, err := LoadInstructorKeys(file)
	if err != nil {
		t.Fatal(err)
	}
	if !ks.Allows(a.PublicKey()) || ks.Allows(b.PublicKey()) || ks.Allows(nil) {
		t.Error("the instructor keys allow the wrong keys")
	}
	_ = os.WriteFile(file, []byte("# nothing here\n"), 0o600)
	if _, err := LoadInstructorKeys(file); err == nil {
		t.Error("a file with no key was accepted")
	}
}

func TestTheGraphCountsEdgesAndHops(t *testing.T) {
	kim, lee, max, ana := sim.Handle("tel:+14155550101"), sim.Handle("tel:+14155550102"), sim.Handle("tel:+14155550103"), sim.Handle("tel:+14155550132")
	rows := []sim.LogEntry{
		{SourceHandle: kim, LookupHandle: lee}, {SourceHandle: kim, LookupHandle: lee},
		{SourceHandle: lee, LookupHandle: max}, {SourceHandle: max, LookupHandle: kim}, {SourceHandle: lee, LookupHandle: ana},
	}
	g := BuildGraph(rows)
	name := namesFrom(map[sim.Handle]string{kim: "Kim", lee: "Lee", max: "Max"})
	edges := strings.Join(g.EdgeLines(name, 10), "\n")
	for _, want := range []string{"Kim ──▶ Lee  ×2", "Lee ──▶ Max  ×1", "Lee ──▶ +14155550132  ×1"} {
		if !strings.Contains(edges, want) {
			t.Errorf("edges lack %q:\n%s", want, edges)
		}
	}
	if !strings.HasPrefix(edges, "Kim ──▶ Lee") {
		t.Errorf("the heaviest edge is not first:\n%s", edges)
	}
	hops := strings.Join(g.HopLines(kim, name), "\n")
	for _, want := range []string{"└─▶ Lee ×2", "    ├─▶ Max ×1", "◀── looked Kim up: Max ×1"} {
		if !strings.Contains(hops, want) {
			t.Errorf("Kim's hops lack %q:\n%s", want, hops)
		}
	}
}

func TestTheInstructorSetsTheAndroidShare(t *testing.T) {
	tc := startClass(t)
	room := tc.srv.room
	for _, name := range []string{"Kim", "Lee", "Max", "Ava"} {
		if _, err := room.join(joinRequest{Name: name, Code: testCode}); err != nil {
			t.Fatal(err)
		}
	}
	if n := room.setShare(50); n != 2 {
		t.Errorf("50%% of 4 students: %d Android", n)
	}
	android := 0
	for _, st := range room.students {
		if tc.class.Directory().Lookup(st.Number).Devices == 0 {
			android++
		}
	}
	if android != 2 {
		t.Errorf("Apple's directory lists %d students without iMessage, want 2", android)
	}
	if n := room.setShare(0); n != 0 || tc.class.Directory().Lookup(room.students[1].Number).Devices != 1 {
		t.Errorf("0%%: %d Android", n)
	}
}

// A Shutdown that comes before Serve has started (a test's class, or a
// SIGINT in the first instant) still stops it: Serve returns at once.
func TestShutdownBeforeServeStartsStillStopsIt(t *testing.T) {
	tc := startClass(t)
	srv, err := New(tc.srv.cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Shutdown(context.Background()); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve after Shutdown: %v", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("Serve kept accepting after Shutdown")
	}
	if c, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		c.Close()
		t.Error("the listener still takes connections after Shutdown")
	}
}
