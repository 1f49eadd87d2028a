// Command bluegreen simulates how Messages chooses a blue or green bubble
// and what that choice leaves in Apple's server-side log.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"bluegreen/sim"
	"bluegreen/sim/sqlitelog"

	"github.com/charmbracelet/fang"
	"github.com/charmbracelet/x/term"
)

// Exit codes: 0 success, 1 something failed inside, 2 the input was wrong.
const (
	exitOK       = 0
	exitInternal = 1
	exitUsage    = 2
)

func main() {
	ctx, signalled := onSignals(context.Background())
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if sig, ok := signalled(); ok {
		code = exitSignal + int(sig)
	}
	os.Exit(code)
}

// exitSignal plus the signal's number is the exit status after a signal,
// as shells report it.
const exitSignal = 128

// onSignals returns a context cancelled by the first SIGHUP, SIGTERM or
// SIGINT — a closed terminal, kill, or ^C outside raw mode — and a
// function saying which one came. Cancelling lets the screen restore the
// terminal and the database close cleanly before the program exits; a
// second signal kills the program as usual.
func onSignals(parent context.Context) (context.Context, func() (syscall.Signal, bool)) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		sig := <-ch
		signal.Stop(ch)
		cancel(signalError{sig})
	}()
	return ctx, func() (syscall.Signal, bool) {
		var se signalError
		if errors.As(context.Cause(ctx), &se) {
			if n, ok := se.sig.(syscall.Signal); ok {
				return n, true
			}
		}
		return 0, false
	}
}

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e signalError) Error() string { return "stopped by " + e.sig.String() }

// run is the whole program, parameterised for tests. No panic escapes it:
// one would be a bug in bluegreen, reported as an internal failure (exit
// 1), never as the user's mistake.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "bluegreen: internal error (please report it): %s\n", sim.Printable(fmt.Sprint(r)))
			code = exitInternal
		}
	}()
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	opts := []fang.Option{fang.WithVersion(version()), fang.WithErrorHandler(errorHandler(stderr))}
	if err := fang.Execute(ctx, root, opts...); err != nil {
		if isInternal(err) {
			return exitInternal
		}
		return exitUsage
	}
	return exitOK
}

// isInternal reports whether err is a failure of the program or its
// machine rather than of the user's input: marked so, or a disk that
// filled or failed under a write — the log's or the output's.
func isInternal(err error) bool {
	var internal *internalError
	return errors.As(err, &internal) ||
		errors.Is(err, sqlitelog.ErrDiskFull) || errors.Is(err, sqlitelog.ErrWriteFailed) ||
		errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, syscall.EFBIG) || errors.Is(err, syscall.EIO)
}

// errorHandler styles errors with fang's header on a terminal and prints
// one plain line otherwise, so scripts and logs get no padding or escape
// codes. Either way the message is printed as written — fang's own
// handler title-cases its first word, turning a path into "/Tmp/…" and a
// flag into "--Db:" — and through sim.Printable, so a hostile file name
// or value in an error cannot reach the terminal as an escape sequence.
func errorHandler(stderr io.Writer) fang.ErrorHandler {
	return func(w io.Writer, styles fang.Styles, err error) {
		if errors.Is(err, errSilent) {
			return
		}
		f, ok := stderr.(*os.File)
		writeError(stderr, styles, err, ok && term.IsTerminal(f.Fd()))
	}
}

// writeError prints err, styled for a terminal or as one plain line.
func writeError(w io.Writer, styles fang.Styles, err error, styled bool) {
	msg := sim.Printable(err.Error())
	if !styled {
		fmt.Fprintf(w, "bluegreen: %s\n", msg)
		return
	}
	fmt.Fprintln(w, styles.ErrorHeader.String())
	fmt.Fprintln(w, styles.ErrorText.UnsetTransform().Render(msg))
	fmt.Fprintln(w)
}

// errSilent exits 2 after the command has already said what was wrong.
var errSilent = errors.New("already reported")

// internalError marks failures that are not the user's input (a broken
// database, a full disk): exit 1 instead of 2.
type internalError struct{ err error }

func (e *internalError) Error() string { return e.err.Error() }
func (e *internalError) Unwrap() error { return e.err }

func internal(err error) error {
	if err == nil {
		return nil
	}
	return &internalError{err: err}
}

func version() string { return "0.1.0" }
