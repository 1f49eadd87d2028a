// Package serve is the classroom over SSH: every student who logs in gets
// a phone of their own on one shared, simulated Apple, and the instructor's
// key opens a console that serves court orders on the students.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"bluegreen/sim"
	"bluegreen/sim/discovery"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

// DefaultListen is where a class listens unless told otherwise: loopback,
// so nothing outside this computer can reach it by accident.
const DefaultListen = "127.0.0.1:2222"

// DefaultMax is how many students a class admits.
const DefaultMax = 100

// DefaultIdle is how long a student's session may go without a key
// press, paste, click or scroll of the wheel.
const DefaultIdle = 30 * time.Minute

// sessionFPS is how often a session's screen may be redrawn. A key's echo
// waits for the next frame: up to 17 ms at Bubble Tea's default of 60, and
// 8 ms at 120 (its most). A tick on an unchanged screen only compares it
// with the last frame and sends nothing, so an idle session costs little.
const sessionFPS = 120

// InstructorUser is the login name that asks for the console: with it,
// only an instructor's key is accepted.
const InstructorUser = "instructor"

// Config is what a class is served with.
type Config struct {
	Class       *sim.Class
	Code        string // the class code students type; never logged
	Max         int
	Idle        time.Duration // 0: sessions never time out
	HostKey     HostKey
	Instructors InstructorKeys
	// Phone builds a student's phone screen around their world (an
	// Android phone when android); it must not move the class clock. A
	// screen with a Resume() tea.Cmd method is resumed when its student
	// comes back, and one that takes PlatformMsg hears the instructor
	// change the phone to Android and back.
	Phone            func(w *sim.World, android bool) (tea.Model, error)
	Theme, ExportDir string // the classroom screens' --theme ("": auto); where the console exports ("": ".")
	// Log receives one line per connection and departure (no codes, no keys).
	Log io.Writer
	// Roster keeps who joined in the class's database, so a restarted
	// server gives every returning key its phone back; nil keeps the
	// roster in memory only. NewClass forgets the roster it holds.
	Roster   RosterStore
	NewClass bool
}

// Server is a running class.
type Server struct {
	cfg      Config
	st       styles // built once from the theme: every session shares them
	room     *classroom
	restored int // students back from the roster of an earlier server
	ssh      *ssh.Server
	sessions sync.WaitGroup
	logMu    sync.Mutex

	// The SSH server forgets a Close that comes before its Serve has
	// registered the listener, and then accepts for ever; so the class
	// keeps its own listeners and closes them itself.
	lnMu      sync.Mutex
	closed    bool
	listeners []net.Listener
}

// New builds the class's SSH server.
func New(cfg Config) (*Server, error) {
	switch {
	case cfg.Class == nil || cfg.Phone == nil:
		return nil, errors.New("serve: a class needs a world and a phone screen")
	case normalCode(cfg.Code) == "":
		return nil, errors.New("serve: a class needs a class code")
	case cfg.Max < 1:
		return nil, fmt.Errorf("--max %d: a class admits at least one student", cfg.Max)
	case cfg.HostKey.Signer == nil:
		return nil, errors.New("serve: no host key")
	case themeErr(cfg.Theme) != nil:
		return nil, fmt.Errorf("serve: %w", themeErr(cfg.Theme))
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	cfg.Class.UseDiscovery(discovery.Attach) // the comparison designs the instructor can switch to
	s := &Server{cfg: cfg, st: newStyles(themeFor(cfg.Theme)), room: newClassroom(cfg.Class, cfg.Code, cfg.Max, cfg.Instructors)}
	s.room.warn = s.logf
	if cfg.Roster != nil {
		ctx, cancel := context.WithTimeout(context.Background(), saveTime)
		defer cancel()
		n, err := s.room.keep(ctx, cfg.Roster, cfg.NewClass)
		if err != nil {
			return nil, err
		}
		s.restored = n
	}
	srv, err := wish.NewServer(
		wish.WithHostKeyPEM(cfg.HostKey.PEM),
		wish.WithPublicKeyAuth(s.allowKey),
		wish.WithKeyboardInteractiveAuth(func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }),
		wish.WithMiddleware(s.farewellMiddleware(), bm.MiddlewareWithProgramHandler(s.program)),
	)
	if err != nil {
		return nil, err
	}
	s.ssh = srv
	return s, nil
}

// Restored is how many students came back from the roster of a server
// before this one: they are offline until they ssh in with their key.
func (s *Server) Restored() int { return s.restored }

// allowKey admits every key — students are let in by the class code —
// except that the instructor's login name takes only an instructor's key,
// so ssh goes on to offer the right one.
func (s *Server) allowKey(ctx ssh.Context, key ssh.PublicKey) bool {
	return ctx.User() != InstructorUser || s.cfg.Instructors.Allows(key)
}

// Serve accepts sessions on ln until Shutdown, which may come first: then
// Serve closes ln and returns at once.
func (s *Server) Serve(ln net.Listener) error {
	s.lnMu.Lock()
	if s.closed {
		s.lnMu.Unlock()
		_ = ln.Close()
		return nil
	}
	s.listeners = append(s.listeners, ln)
	s.lnMu.Unlock()
	err := s.ssh.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) || s.isClosed() {
		return nil
	}
	return err
}

func (s *Server) isClosed() bool {
	s.lnMu.Lock()
	defer s.lnMu.Unlock()
	return s.closed
}

// closeListeners stops new logins: every Serve returns.
func (s *Server) closeListeners() {
	s.lnMu.Lock()
	s.closed = true
	ls := s.listeners
	s.listeners = nil
	s.lnMu.Unlock()
	for _, ln := range ls {
		_ = ln.Close()
	}
}

// Shutdown stops new logins, ends every session with a goodbye line, waits
// (within ctx) for them to print it, then closes every connection: a
// client that keeps its connection open after its session is not waited for.
func (s *Server) Shutdown(ctx context.Context) error {
	s.closeListeners()
	s.room.end()
	done := make(chan struct{})
	go func() { s.sessions.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
	if err := s.ssh.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		return err // the listeners are closed already: only another failure counts
	}
	return nil
}

// sessionKey finds a session's state in its context.
type sessionKey struct{}

// sessionState is what the program handler leaves for the farewell.
type sessionState struct {
	bye      farewell
	exit     int
	cleanup  func()
	activity atomic.Int64 // unix nanoseconds of the last key press, paste, click or scroll
	hasKey   bool         // the login offered a key: a student can come back to their phone
}

// program builds the session's screen: the console for an instructor's
// key, a phone for a student. A nil program ends the session at once
// with its farewell line.
func (s *Server) program(sess ssh.Session) *tea.Program {
	state := &sessionState{hasKey: sess.PublicKey() != nil}
	state.activity.Store(time.Now().UnixNano())
	sess.Context().SetValue(sessionKey{}, state)
	s.sessions.Add(1)
	if _, _, ok := sess.Pty(); !ok {
		state.bye.set("bluegreen needs a terminal: run ssh without a command, or with -t.")
		state.exit = 1
		return nil
	}
	model, instructor := s.screenFor(sess, state)
	if model == nil {
		return nil
	}
	// The server's signals belong to the server, which ends every session
	// with a goodbye: a session's program must not take them for its own.
	opts := append(bm.MakeOptions(sess), tea.WithoutSignalHandler(), tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
		if isActivity(msg) {
			state.activity.Store(time.Now().UnixNano())
		}
		return msg
	}), tea.WithFPS(sessionFPS))
	p := tea.NewProgram(model, opts...)
	detach := s.room.attach(p, instructor)
	stopIdle := func() {}
	if !instructor { // the console stays up on the projector while the class types
		stopIdle = s.watchIdle(p, state)
	}
	prev := state.cleanup
	state.cleanup = func() {
		stopIdle()
		detach()
		if prev != nil {
			prev()
		}
	}
	return p
}

// screenFor chooses the session's model, or sets the farewell of a
// session refused before it starts.
func (s *Server) screenFor(sess ssh.Session, state *sessionState) (tea.Model, bool) {
	key := sess.PublicKey()
	who := sess.RemoteAddr().String()
	if key != nil && s.cfg.Instructors.Allows(key) {
		s.logf("instructor console opened from %s", who)
		state.bye.set("Console closed. The class goes on while the server runs.")
		return newConsole(s.room, &state.bye, s.st, consoleOptions{theme: s.cfg.Theme, exportDir: s.cfg.ExportDir}), true
	}
	if sess.User() == InstructorUser || len(sess.Command()) > 0 && sess.Command()[0] == "console" {
		s.logf("console refused for a key that is not the instructor's, from %s", who)
		state.bye.set("Refused: the instructor's console opens only for a key listed in the server's --instructor-key file.")
		state.exit = 1
		return nil, false
	}
	keyID := ""
	if key != nil {
		keyID = gossh.FingerprintSHA256(key)
	}
	returning, err := s.room.returning(keyID)
	switch {
	case err != nil:
		state.bye.set("Refused: " + err.Error() + ". Close it there first.")
		state.exit = 1
		return nil, false
	case returning == nil && !s.room.hasRoom():
		s.logf("a student was turned away from %s: the class is full", who)
		state.bye.set(fmt.Sprintf("The class is full: all %d places are taken. Ask your instructor.", s.cfg.Max))
		state.exit = 1
		return nil, false
	}
	if returning != nil {
		s.logf("%s is back from %s", returning.Name, who)
	} else {
		s.logf("a student connected from %s", who)
	}
	sessionModel := newStudentSession(s.room, keyID, &state.bye, s.phoneFor, s.st, returning)
	state.cleanup = func() {
		if st := sessionModel.student; st != nil {
			s.room.leave(st)
			s.logf("%s left", st.Name)
		}
	}
	return sessionModel, false
}

// phoneFor builds a student's phone screen.
func (s *Server) phoneFor(st *student) (tea.Model, error) {
	if st.restored {
		s.logf("%s's phone is rebuilt after the restart, as %s", st.Name, st.Number.Address())
	} else {
		s.logf("%s joined as %s", st.Name, st.Number.Address())
	}
	return s.cfg.Phone(st.world, s.room.android(st))
}

// isActivity is whether msg is a person at the keyboard: a key, a paste, a
// click or a turn of the wheel. A window resize is not: a terminal sends
// one when a laptop lid opens, a monitor is plugged in or tmux re-tiles,
// with nobody there, and a session kept open by those would never time out.
func isActivity(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg, tea.MouseClickMsg, tea.MouseWheelMsg:
		return true
	}
	return false
}

// idleLine is the goodbye of a session that timed out.
func idleLine(idle time.Duration, hasKey bool) string {
	line := fmt.Sprintf("Nothing typed for %s, so the class closed this session.", DurationWords(idle))
	if !hasKey {
		return line + " You logged in without an SSH key, so a new login cannot be given this phone back."
	}
	return line + " Your phone is kept: ssh in again with the same key to carry on."
}

// DurationWords is d as a person says it: "30 minutes", "1 hour 30 minutes", "45 seconds".
func DurationWords(d time.Duration) string {
	d = d.Round(time.Second)
	var parts []string
	for _, u := range []struct {
		d          time.Duration
		one, other string
	}{{time.Hour, "hour", "hours"}, {time.Minute, "minute", "minutes"}, {time.Second, "second", "seconds"}} {
		if n := int(d / u.d); n > 0 {
			parts = append(parts, sim.Plural(n, u.one, u.other))
			d -= time.Duration(n) * u.d
		}
	}
	if len(parts) == 0 {
		return "less than a second"
	}
	return strings.Join(parts, " ")
}

// watchIdle quits a student's program after the idle timeout without
// activity (isActivity), with a goodbye that says how to come back.
func (s *Server) watchIdle(p *tea.Program, state *sessionState) (stop func()) {
	if s.cfg.Idle <= 0 {
		return func() {}
	}
	done := make(chan struct{})
	check := min(s.cfg.Idle/4+time.Millisecond, 30*time.Second)
	go func() {
		t := time.NewTicker(check)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-t.C:
				if now.Sub(time.Unix(0, state.activity.Load())) >= s.cfg.Idle {
					state.bye.set(idleLine(s.cfg.Idle, state.hasKey))
					p.Quit()
					return
				}
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done) }) }
}

// farewellMiddleware runs after the screen closes: it prints the session's
// last line and lets the classroom forget the session.
func (s *Server) farewellMiddleware() wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			state, _ := sess.Context().Value(sessionKey{}).(*sessionState)
			if state == nil {
				next(sess)
				return
			}
			defer s.sessions.Done()
			if state.cleanup != nil {
				state.cleanup()
			}
			if line := state.bye.get(); line != "" {
				_, _ = wish.WriteString(sess, line+"\r\n") // the client's terminal is raw: return the carriage too
			}
			_ = sess.Exit(state.exit)
			next(sess)
		}
	}
}

func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.cfg.Log, format+"\n", args...)
}
