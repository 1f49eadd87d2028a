package discovery

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"bluegreen/sim"
)

// Bounds on a space read from a file: a million handles in at most 64 MiB,
// lines of at most 256 bytes.
const (
	MaxSpaceHandles = 1_000_000
	maxSpaceBytes   = 64 << 20
	maxSpaceLine    = 256
)

// ParseSpace reads a space's name: "555-01xx" (the fictional block of
// areaCode), a three-digit area code such as "415", or else a file of
// numbers and addresses, one a line, read with region.
func ParseSpace(name, areaCode, region string) (Space, error) {
	switch {
	case name == "555-01xx":
		return BlockSpace(areaCode), nil
	case isAreaCode(name):
		return AreaCodeSpace(name), nil
	}
	f, err := os.Open(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is already in the message, made printable
		}
		return Space{}, fmt.Errorf("space %q: not 555-01xx, a three-digit area code, or a readable file: %w", printable(name), err)
	}
	defer f.Close()
	return ReadSpace(f, name, region)
}

// isAreaCode accepts a North American area code: three digits, the first 2–9.
func isAreaCode(s string) bool {
	return len(s) == 3 && s[0] >= '2' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9'
}

// ReadSpace reads handles one a line (blank lines and "#" comments
// skipped), within the bounds above; the error names the bad line.
func ReadSpace(r io.Reader, name, region string) (Space, error) {
	sc := bufio.NewScanner(io.LimitReader(r, maxSpaceBytes+1))
	sc.Buffer(make([]byte, 0, maxSpaceLine), maxSpaceLine)
	sp := Space{Name: name, List: []sim.Handle{}}
	read := 0
	for line := 1; sc.Scan(); line++ {
		read += len(sc.Bytes()) + 1
		if read > maxSpaceBytes {
			return Space{}, fmt.Errorf("%s: more than %d MiB", name, maxSpaceBytes>>20)
		}
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if len(sp.List) == MaxSpaceHandles {
			return Space{}, fmt.Errorf("%s:%d: more than %d handles", name, line, MaxSpaceHandles)
		}
		h, err := sim.ParseHandle(text, region)
		if err != nil {
			return Space{}, fmt.Errorf("%s:%d: %q: %w", name, line, printable(text), err)
		}
		sp.List = append(sp.List, h)
	}
	if err := sc.Err(); err != nil {
		return Space{}, fmt.Errorf("%s: %w (lines are at most %d bytes)", name, err, maxSpaceLine)
	}
	return sp, nil
}

// AreaCode is the area code of a North American number ("" otherwise).
func AreaCode(h sim.Handle) string {
	a := h.Address()
	if h.IsPhone() && len(a) == 12 && strings.HasPrefix(a, "+1") {
		return a[2:5]
	}
	return ""
}
