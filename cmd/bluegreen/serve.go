package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"bluegreen/serve"
	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"
	"bluegreen/tui/app"
	"bluegreen/tui/common"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"
)

// serveFlags are the classroom's own flags.
type serveFlags struct {
	listen     string
	hostKey    string
	instructor string
	max        int
	idle       time.Duration
	newClass   bool
	theme      string
	exportDir  string
}

func newServeCmd(g *globalFlags) *cobra.Command {
	f := &serveFlags{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Teach a class over SSH: every student a phone, one shared Apple, your console serves the orders",
		Long: "serve starts an SSH server. Each student who logs in with ssh types a display name and the class code\n" +
			"and gets a phone of their own on one shared, simulated Apple. A login with a key from --instructor-key\n" +
			"opens the instructor's console: Apple's whole log, the roster, the clock, court orders on any student,\n" +
			"\"show to class\", and the graph of who looked up whom.",
		Example: "  bluegreen serve --instructor-key ~/.ssh/id_ed25519.pub\n" +
			"  ssh -p 2222 localhost                  # a student\n" +
			"  ssh -p 2222 instructor@localhost       # the instructor's console",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runServe(cmd, g, f) },
	}
	cmd.Flags().StringVar(&f.listen, "listen", serve.DefaultListen, "address to listen on (loopback unless you say otherwise)")
	cmd.Flags().StringVar(&f.hostKey, "host-key", "", "the server's SSH host key file (generated with mode 0600 when missing; default: in bluegreen's data folder)")
	cmd.Flags().StringVar(&f.instructor, "instructor-key", "", "authorized_keys file with the public keys that open the instructor's console")
	cmd.Flags().IntVar(&f.max, "max", serve.DefaultMax, "at most this many students")
	cmd.Flags().DurationVar(&f.idle, "idle", serve.DefaultIdle, "close a student's session after this long without a key press, paste, click or wheel scroll; resizing does not count, the console never closes (0: never)")
	cmd.Flags().BoolVar(&f.newClass, "new-class", false, "forget the roster the --db file holds and begin a new class (Apple's log keeps its rows)")
	// The server's own NO_COLOR says nothing of its students' terminals, so
	// unlike the app's --theme it is not read here.
	cmd.Flags().StringVar(&f.theme, "theme", "auto", "colours of your console, the join screen and a return shown to the class: auto, dark, light, high-contrast (a projector), colour-blind or none")
	cmd.Flags().StringVar(&f.exportDir, "export-dir", ".", "where the console's export key writes returns (never overwriting a file)")
	return cmd
}

// classFiles are where the class keeps Apple's log and its host key.
func classFiles(cmd *cobra.Command, g *globalFlags, f *serveFlags) (db, hostKey string, err error) {
	db, hostKey = g.db, f.hostKey
	if cmd.Flags().Changed("db") && db == "" {
		return "", "", fmt.Errorf("--db: give a file; a class keeps Apple's log on disk")
	}
	if db != "" && hostKey != "" {
		return db, hostKey, nil
	}
	dir, err := serve.DataDir()
	if err != nil {
		return "", "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", internal(fmt.Errorf("making %s: %w", dir, err))
	}
	if db == "" {
		db = filepath.Join(dir, "class.db")
	}
	if hostKey == "" {
		hostKey = filepath.Join(dir, "ssh_host_ed25519_key")
	}
	return db, hostKey, nil
}

func runServe(cmd *cobra.Command, g *globalFlags, f *serveFlags) (err error) {
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	out := cmd.OutOrStdout()
	if f.max < 1 {
		return fmt.Errorf("--max %d: a class admits at least one student", f.max)
	}
	if f.idle < 0 {
		return fmt.Errorf("--idle %s: use 0 for never, or a positive duration such as 30m", f.idle)
	}
	if _, err := common.ThemeByName(f.theme, true); err != nil {
		return fmt.Errorf("--theme: %w", err)
	}
	dbPath, keyPath, err := classFiles(cmd, g, f)
	if err != nil {
		return err
	}
	instructors, err := serve.LoadInstructorKeys(f.instructor)
	if err != nil {
		return err
	}
	hostKey, err := serve.LoadOrCreateHostKey(keyPath)
	if err != nil {
		return err
	}
	class, store, err := buildClass(ctx, g, dbPath)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := store.Close(); cerr != nil && err == nil {
			err = internal(fmt.Errorf("closing Apple's log: %w", cerr))
		}
	}()
	code, err := serve.NewClassCode()
	if err != nil {
		return internal(err)
	}
	roster, _ := store.(serve.RosterStore) // a class's --db is always a file
	srv, err := serve.New(serve.Config{
		Class: class, Code: code, Max: f.max, Idle: f.idle, HostKey: hostKey, Instructors: instructors,
		Phone: studentPhone, Log: cmd.ErrOrStderr(), Roster: roster, NewClass: f.newClass, Theme: f.theme, ExportDir: f.exportDir,
	})
	switch {
	case errors.Is(err, sqlitelog.ErrBadClass) || errors.Is(err, serve.ErrOtherScenario):
		return fmt.Errorf("--db %s: %w; start with --new-class to begin a new class on it (Apple's log keeps its rows), or give another --db", dbPath, err)
	case err != nil:
		return internal(err)
	}
	ln, err := net.Listen("tcp", f.listen)
	if err != nil {
		return fmt.Errorf("--listen %s: %w", f.listen, err)
	}
	printBanner(out, ln.Addr(), hostKey, code, dbPath, instructors, f)
	if n := srv.Restored(); n > 0 {
		fmt.Fprintf(out, "  Roster:       %s from before the restart, away until they ssh in again with the same key (they need no code);\n"+
			"                --new-class begins a new class instead\n", sim.Plural(n, "student", "students"))
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return internal(err)
	case <-ctx.Done():
	}
	fmt.Fprintln(out, "\nEnding the class: every student gets a goodbye line…")
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "bluegreen: closing the connections: %v\n", err)
	}
	<-served
	n, _ := store.Count(context.Background(), sim.LogFilter{})
	fmt.Fprintf(out, "Class ended. Apple's log keeps %s in %s.\n", sim.Plural(n, "row", "rows"), dbPath)
	return nil
}

// buildClass opens Apple's log and builds the class's one Apple on it.
func buildClass(ctx context.Context, g *globalFlags, dbPath string) (*sim.Class, sim.LogStore, error) {
	s, err := sim.LoadScenario(g.scenario)
	if err != nil {
		return nil, nil, err
	}
	store, err := openLog(ctx, dbPath)
	if err != nil {
		return nil, nil, err
	}
	class, err := sim.NewClass(ctx, s, store, time.Now)
	if err != nil {
		store.Close()
		return nil, nil, internal(err)
	}
	if g.trigger != "" {
		policy, err := sim.ParseTriggerPolicy(g.trigger)
		if err != nil {
			store.Close()
			return nil, nil, fmt.Errorf("--trigger: %w", err)
		}
		class.SetPolicy(policy)
	}
	return class, store, nil
}

// studentPhone is a student's screen: their phone, the wire and what Apple
// logged from them, without the simulated pace of a person (which would
// move the class clock).
func studentPhone(w *sim.World, android bool) (tea.Model, error) {
	return app.NewStudent(w, app.StudentOptions{Theme: "auto", NetworkDelay: app.DefaultNetworkDelay, Frame: app.DefaultFrame, Android: android})
}

// printBanner tells the instructor how students join.
func printBanner(w io.Writer, addr net.Addr, key serve.HostKey, code, dbPath string, instructors serve.InstructorKeys, f *serveFlags) {
	host, port := "localhost", "2222"
	if tcp, ok := addr.(*net.TCPAddr); ok {
		port = strconv.Itoa(tcp.Port)
		if !tcp.IP.IsLoopback() && !tcp.IP.IsUnspecified() {
			host = tcp.IP.String()
		}
		if tcp.IP.IsUnspecified() {
			host = "THIS-COMPUTER"
		}
	}
	fmt.Fprintf(w, "bluegreen classroom — listening on %s\n", addr)
	if tcp, ok := addr.(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(w, "  ! WARNING: %s is not loopback: anyone who can reach this computer can try to join.\n", addr)
	}
	fmt.Fprintf(w, "  Host key:     %s (%s)\n", key.Fingerprint(), key.Path)
	if key.Made {
		fmt.Fprintln(w, "                a new host key was generated (mode 0600); it is reused next time")
	}
	fmt.Fprintf(w, "  Students:     ssh -p %s %s\n", port, host)
	fmt.Fprintf(w, "  Class code:   %s   (new at every start and kept nowhere)\n", code)
	if instructors.Len() > 0 {
		fmt.Fprintf(w, "  Instructor:   ssh -p %s %s@%s   (%d key(s) allowed)\n", port, serve.InstructorUser, host, instructors.Len())
	} else {
		fmt.Fprintln(w, "  Instructor:   none — start with --instructor-key FILE to open the console")
	}
	fmt.Fprintf(w, "  Apple's log:  %s\n", dbPath)
	fmt.Fprintf(w, "  At most %d students; a student's idle session closes after %s. Ctrl+C ends the class.\n", f.max, idleWords(f.idle))
}

func idleWords(d time.Duration) string {
	if d == 0 {
		return "never"
	}
	return serve.DurationWords(d)
}
