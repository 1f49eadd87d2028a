package discovery

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"bluegreen/sim"
)

// Space is a set of handles to enumerate: every number that starts with
// Prefix and ends in Digits more digits, or an explicit List.
type Space struct {
	Name   string       // e.g. "555-01xx", "415", a file name
	Prefix string       // e.g. "tel:+1415"; ignored when List is set
	Digits int          // how many trailing digits vary (at most 12)
	List   []sim.Handle // an explicit space, e.g. read from a file
}

// maxDigits keeps Size within an int64 and any enumeration finite.
const maxDigits = 12

// BlockSpace is the 100 fictional numbers 555-0100…555-0199 of an area code.
func BlockSpace(areaCode string) Space {
	return Space{Name: "555-01xx", Prefix: "tel:+1" + areaCode + "55501", Digits: 2}
}

// AreaCodeSpace is all 10^7 numbers of one North American area code.
func AreaCodeSpace(areaCode string) Space {
	return Space{Name: areaCode, Prefix: "tel:+1" + areaCode, Digits: 7}
}

// NANPSize is how many numbers the North American plan has at most: 10^10.
const NANPSize = 1e10

// Size is how many handles the space holds.
func (s Space) Size() int64 {
	if s.List != nil {
		return int64(len(s.List))
	}
	return int64(math.Pow10(s.Digits))
}

// Check reports a space that cannot be enumerated.
func (s Space) Check() error {
	if s.List == nil && (s.Digits < 0 || s.Digits > maxDigits) {
		return fmt.Errorf("space %q: %d varying digits; at most %d", s.Name, s.Digits, maxDigits)
	}
	return nil
}

// Found is one hash the enumeration recovered.
type Found struct {
	Hash   Hash       `json:"hash"`
	Handle sim.Handle `json:"handle"`
}

// ReverseResult is what an enumeration did.
type ReverseResult struct {
	Space    string        `json:"space"`
	Found    []Found       `json:"found"`     // in the order the targets were given
	NotFound []Hash        `json:"not_found"` // targets no handle of the space hashes to
	Tried    int64         `json:"tried"`     // handles hashed
	Elapsed  time.Duration `json:"elapsed_ns"`
	Workers  int           `json:"workers"`
}

// Rate is handles hashed per second.
func (r ReverseResult) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Tried) / r.Elapsed.Seconds()
}

// Extrapolate is how long hashing n handles would take at the measured rate.
func (r ReverseResult) Extrapolate(n float64) time.Duration {
	rate := r.Rate()
	if rate == 0 {
		return 0
	}
	return time.Duration(n / rate * float64(time.Second))
}

// Progress is told, from any worker goroutine, how many handles have been
// hashed so far; it must be safe for concurrent use and quick.
type Progress func(done, total int64)

// chunk is how many numbers a worker takes at a time: large enough that the
// shared counter is touched rarely, small enough for a smooth progress bar.
const chunk = 1 << 16

// Reverse hashes every handle of space on workers goroutines (0 = every
// core) and matches each against targets. It stops early, with what it has,
// when ctx is cancelled or every target is found.
func Reverse(ctx context.Context, targets []Hash, space Space, workers int, progress Progress) (ReverseResult, error) {
	if err := space.Check(); err != nil {
		return ReverseResult{}, err
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	set := newTargetSet(targets)
	e := &enumeration{space: space, set: set, progress: progress, total: space.Size()}
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() { defer wg.Done(); e.work(ctx) }()
	}
	wg.Wait()
	res := ReverseResult{Space: space.Name, Tried: e.done.Load(), Elapsed: time.Since(start), Workers: workers}
	res.Found, res.NotFound = set.results(targets)
	return res, ctx.Err()
}

// enumeration is the state the workers share.
type enumeration struct {
	space    Space
	set      *targetSet
	progress Progress
	total    int64
	next     atomic.Int64 // first number of the next chunk to hand out
	done     atomic.Int64
}

func (e *enumeration) work(ctx context.Context) {
	for ctx.Err() == nil && !e.set.complete() {
		from := e.next.Add(chunk) - chunk
		if from >= e.total {
			return
		}
		to := min(from+chunk, e.total)
		if e.space.List != nil {
			e.hashList(e.space.List[from:to])
		} else {
			e.hashRange(from, to)
		}
		done := e.done.Add(to - from)
		if e.progress != nil {
			e.progress(done, e.total)
		}
	}
}

func (e *enumeration) hashList(hs []sim.Handle) {
	for _, h := range hs {
		e.set.check(HashHandle(h), func() sim.Handle { return h })
	}
}

// hashRange hashes the numbers from…to-1 of the space in one reused buffer,
// counting up its trailing digits like an odometer.
func (e *enumeration) hashRange(from, to int64) {
	p := len(e.space.Prefix)
	buf := make([]byte, p+e.space.Digits)
	copy(buf, e.space.Prefix)
	digits := buf[p:]
	writeDigits(digits, from)
	for n := from; n < to; n++ {
		sum := sha256.Sum256(buf)
		if e.set.maybe(sum[:HashBytes]) {
			e.set.check(Hash(sum[:HashBytes]), func() sim.Handle { return sim.Handle(buf) })
		}
		increment(digits)
	}
}

// writeDigits writes n as len(d) decimal digits, zero-padded.
func writeDigits(d []byte, n int64) {
	for i := len(d) - 1; i >= 0; i-- {
		d[i] = byte('0' + n%10)
		n /= 10
	}
}

// increment adds one to a string of decimal digits in place.
func increment(d []byte) {
	for i := len(d) - 1; i >= 0; i-- {
		if d[i] < '9' {
			d[i]++
			return
		}
		d[i] = '0'
	}
}

// targetSet is the hashes sought. A 65,536-bit filter on the first two
// bytes rejects almost every candidate before the map is touched.
type targetSet struct {
	filter  [1 << 16 / 64]uint64
	want    map[Hash]bool
	mu      sync.Mutex
	found   map[Hash]sim.Handle
	missing atomic.Int64
}

func newTargetSet(targets []Hash) *targetSet {
	s := &targetSet{want: map[Hash]bool{}, found: map[Hash]sim.Handle{}}
	for _, t := range targets {
		if s.want[t] {
			continue
		}
		s.want[t] = true
		k := binary.BigEndian.Uint16(t[:2])
		s.filter[k/64] |= 1 << (k % 64)
	}
	s.missing.Store(int64(len(s.want)))
	return s
}

func (s *targetSet) maybe(sum []byte) bool {
	k := binary.BigEndian.Uint16(sum[:2])
	return s.filter[k/64]&(1<<(k%64)) != 0
}

func (s *targetSet) complete() bool { return s.missing.Load() == 0 }

// check records h's handle when h is sought and not yet found; handle is
// called only then, as the buffer it reads is reused.
func (s *targetSet) check(h Hash, handle func() sim.Handle) {
	if !s.want[h] {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.found[h]; !ok {
		s.found[h] = handle()
		s.missing.Add(-1)
	}
}

func (s *targetSet) results(targets []Hash) (found []Found, notFound []Hash) {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[Hash]bool{}
	for _, t := range targets {
		if seen[t] {
			continue
		}
		seen[t] = true
		if h, ok := s.found[t]; ok {
			found = append(found, Found{Hash: t, Handle: h})
		} else {
			notFound = append(notFound, t)
		}
	}
	return found, notFound
}

// maxListed bounds Handles: a space bigger than this is enumerated, never listed.
const maxListed = 1 << 20

// Handles lists a small space's handles in order (nil past maxListed).
func (s Space) Handles() []sim.Handle {
	if s.List != nil {
		return append([]sim.Handle(nil), s.List...)
	}
	if s.Check() != nil || s.Size() > maxListed {
		return nil
	}
	out := make([]sim.Handle, 0, s.Size())
	digits := make([]byte, s.Digits)
	writeDigits(digits, 0)
	for range s.Size() {
		out = append(out, sim.Handle(s.Prefix+string(digits)))
		increment(digits)
	}
	return out
}
