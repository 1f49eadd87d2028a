package discovery

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"

	"bluegreen/sim"

	"github.com/cloudflare/circl/oprf"
)

// suite is RFC 9497's ristretto255-SHA512: the fastest of its suites, and
// constant time in the server's key (circl's P-256 server is not).
var suite = oprf.SuiteRistretto255

// keyInfo separates this simulator's derived keys from any other use.
const keyInfo = "bluegreen comparison design: OPRF contact discovery"

// Evaluator is Apple's half of OPRF contact discovery: it holds the OPRF
// key, evaluates blinded elements it cannot read, and publishes the outputs
// of every registered handle (computed with the key, in the clear). The
// published set follows the directory: a class's students join and change
// phones while lookups run, so it is brought up to date before each use
// when the directory has changed. Safe for concurrent use.
type Evaluator struct {
	server oprf.Server
	dir    *sim.Directory

	mu        sync.Mutex
	version   uint64                // the directory's version the set was published at
	outputs   map[sim.Handle][]byte // each handle's output, computed once
	published map[string]int        // OPRF output → devices registered
}

// NewEvaluator derives Apple's OPRF key from seed (so a scenario gives the
// same published set every run) and publishes dir's registered handles.
func NewEvaluator(dir *sim.Directory, seed uint64) (*Evaluator, error) {
	// RFC 9497 §3.2.1 wants a 32-byte seed: the scenario's, padded.
	var keySeed [32]byte
	binary.BigEndian.PutUint64(keySeed[:], seed)
	copy(keySeed[8:], "bluegreen OPRF key")
	key, err := oprf.DeriveKey(suite, oprf.BaseMode, keySeed[:], []byte(keyInfo))
	if err != nil {
		return nil, fmt.Errorf("deriving the OPRF key: %w", err)
	}
	e := &Evaluator{server: oprf.NewServer(suite, key), dir: dir, outputs: map[sim.Handle][]byte{}}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e, e.publishLocked()
}

// publishLocked computes the published set from the directory, evaluating
// only the handles it has not seen before.
func (e *Evaluator) publishLocked() error {
	published := map[string]int{}
	var ferr error
	e.version = e.dir.Each(func(h sim.Handle, r sim.Registration) {
		if r.Devices <= 0 || ferr != nil {
			return
		}
		out, ok := e.outputs[h]
		if !ok {
			var err error
			if out, err = e.server.FullEvaluate([]byte(h)); err != nil {
				ferr = err
				return
			}
			e.outputs[h] = out
		}
		published[string(out)] = r.Devices
	})
	if ferr == nil {
		e.published = published
	}
	return ferr
}

// current is the published set, brought up to date with the directory.
func (e *Evaluator) current() (map[string]int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.dir.Version() != e.version {
		if err := e.publishLocked(); err != nil {
			return nil, err
		}
	}
	return e.published, nil
}

// Published is how many handles the published set holds.
func (e *Evaluator) Published() int {
	p, _ := e.current()
	return len(p)
}

// Evaluate is the server's work on blinded elements, each a serialised
// group element. It sees nothing else.
func (e *Evaluator) Evaluate(blinded [][]byte) ([][]byte, error) {
	req := &oprf.EvaluationRequest{Elements: make([]oprf.Blinded, len(blinded))}
	for i, b := range blinded {
		el := suite.Group().NewElement()
		if err := el.UnmarshalBinary(b); err != nil {
			return nil, fmt.Errorf("blinded element %d: %w", i, err)
		}
		req.Elements[i] = el
	}
	ev, err := e.server.Evaluate(req)
	if err != nil {
		return nil, err
	}
	out := make([][]byte, len(ev.Elements))
	for i, el := range ev.Elements {
		if out[i], err = el.MarshalBinaryCompress(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Match looks an OPRF output up in the published set: the devices
// registered, and whether it is there at all.
func (e *Evaluator) Match(output []byte) (int, bool) {
	p, err := e.current()
	if err != nil {
		return 0, false
	}
	d, ok := p[string(output)]
	return d, ok
}

// Blinder is the phone's half: it blinds handles with fresh scalars and
// unblinds the server's answers into OPRF outputs.
type Blinder struct {
	client oprf.Client
	rng    *rand.ChaCha8
}

// NewBlinder makes a phone's blinder. Its blinds come from a stream seeded
// by seed, so a scenario replays the same bytes on the wire; a real phone
// would draw them from crypto/rand.
func NewBlinder(seed uint64) *Blinder {
	var s [32]byte
	binary.BigEndian.PutUint64(s[:], seed)
	copy(s[8:], "bluegreen blinds")
	return &Blinder{client: oprf.NewClient(suite), rng: rand.NewChaCha8(s)}
}

// Blinded is one round of blinding in progress: the elements to send and
// the secret needed to read the answer.
type Blinded struct {
	Elements [][]byte // serialised blinded elements, one per handle
	fin      *oprf.FinalizeData
}

// Blind blinds each handle with a new random scalar.
func (b *Blinder) Blind(hs []sim.Handle) (*Blinded, error) {
	inputs := make([][]byte, len(hs))
	blinds := make([]oprf.Blind, len(hs))
	for i, h := range hs {
		inputs[i] = []byte(h)
		blinds[i] = suite.Group().RandomNonZeroScalar(b.rng)
	}
	fin, req, err := b.client.DeterministicBlind(inputs, blinds)
	if err != nil {
		return nil, err
	}
	out := &Blinded{fin: fin, Elements: make([][]byte, len(req.Elements))}
	for i, el := range req.Elements {
		if out.Elements[i], err = el.MarshalBinaryCompress(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Finalize unblinds the server's evaluated elements into OPRF outputs.
func (b *Blinder) Finalize(bl *Blinded, evaluated [][]byte) ([][]byte, error) {
	if len(evaluated) != len(bl.Elements) {
		return nil, fmt.Errorf("the server answered %d elements for %d sent", len(evaluated), len(bl.Elements))
	}
	ev := &oprf.Evaluation{Elements: make([]oprf.Evaluated, len(evaluated))}
	for i, raw := range evaluated {
		el := suite.Group().NewElement()
		if err := el.UnmarshalBinary(raw); err != nil {
			return nil, fmt.Errorf("evaluated element %d: %w", i, err)
		}
		ev.Elements[i] = el
	}
	return b.client.Finalize(bl.fin, ev)
}

// encode and decode carry elements as base64 text on the (JSON) wire.
func encode(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func decode(s string) ([]byte, error) {
	if len(s) > 256 {
		return nil, errors.New("element too long")
	}
	return base64.StdEncoding.DecodeString(s)
}

// tag is an OPRF output as a log shows it: the first 10 bytes in hex.
func tag(output []byte) string { return "oprf:" + hex.EncodeToString(output[:min(len(output), 10)]) }
