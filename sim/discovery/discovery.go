package discovery

import (
	"context"
	"fmt"
	"sync"

	"bluegreen/sim"
)

// Engine implements sim.Discovery for one world: the hash index and the
// OPRF evaluator on Apple's side, the blinder on the phone's.
type Engine struct {
	dir       *sim.Directory
	evaluator *Evaluator
	blinder   *Blinder
	mu        sync.Mutex // the blinder's stream is not safe for concurrent use
	index     sync.Mutex // guards hashes and version
	hashes    map[Hash]hashed
	version   uint64 // the directory's version hashes were indexed at
}

type hashed struct {
	handle  sim.Handle
	devices int
}

// New builds the designs' cryptography over dir, its keys and blinds
// derived from seed.
func New(dir *sim.Directory, seed uint64) (*Engine, error) {
	ev, err := NewEvaluator(dir, seed)
	if err != nil {
		return nil, err
	}
	e := &Engine{dir: dir, evaluator: ev, blinder: NewBlinder(seed)}
	e.lookupHash(Hash{}) // indexes the directory
	return e, nil
}

// lookupHash is Apple's hash index, rebuilt when the directory changed
// (a student joined, a phone became an Android) since it was built.
func (e *Engine) lookupHash(h Hash) (hashed, bool) {
	e.index.Lock()
	defer e.index.Unlock()
	if e.hashes == nil || e.dir.Version() != e.version {
		hashes := map[Hash]hashed{}
		e.version = e.dir.Each(func(h sim.Handle, r sim.Registration) { hashes[HashHandle(h)] = hashed{h, r.Devices} })
		e.hashes = hashes
	}
	entry, ok := e.hashes[h]
	return entry, ok
}

// Attach gives w the designs' cryptography, so every design can run.
func Attach(w *sim.World) error {
	e, err := New(w.Server.Directory(), w.Seed)
	if err != nil {
		return err
	}
	w.SetDiscovery(e)
	return nil
}

// Evaluator is Apple's OPRF half.
func (e *Engine) Evaluator() *Evaluator { return e.evaluator }

// Seal implements sim.Discovery.
func (e *Engine) Seal(d sim.Design, hs []sim.Handle) ([]string, any, error) {
	items := make([]string, len(hs))
	switch {
	case d == sim.DesignHashed:
		for i, h := range hs {
			items[i] = HashHandle(h).String()
		}
		return items, nil, nil
	case d.Oblivious():
		e.mu.Lock()
		bl, err := e.blinder.Blind(hs)
		e.mu.Unlock()
		if err != nil {
			return nil, nil, err
		}
		for i, el := range bl.Elements {
			items[i] = encode(el)
		}
		return items, bl, nil
	}
	return nil, nil, fmt.Errorf("design %s sends handles in the clear", d)
}

// Evaluate implements sim.Discovery: Apple's side sees only the items.
func (e *Engine) Evaluate(d sim.Design, items []string) ([]sim.Evaluation, error) {
	out := make([]sim.Evaluation, len(items))
	switch {
	case d == sim.DesignHashed:
		for i, it := range items {
			h, err := ParseHash(it)
			if err != nil {
				return nil, err
			}
			entry, ok := e.lookupHash(h)
			out[i] = sim.Evaluation{Logged: sim.Handle(h.String()), Devices: entry.devices, Known: ok}
		}
		return out, nil
	case d.Oblivious():
		blinded := make([][]byte, len(items))
		for i, it := range items {
			b, err := decode(it)
			if err != nil {
				return nil, fmt.Errorf("blinded element %d: %w", i, err)
			}
			blinded[i] = b
		}
		evaluated, err := e.evaluator.Evaluate(blinded)
		if err != nil {
			return nil, err
		}
		for i, ev := range evaluated {
			out[i] = sim.Evaluation{Answer: encode(ev), Logged: sim.NotLearnt}
		}
		return out, nil
	}
	return nil, fmt.Errorf("design %s sends handles in the clear", d)
}

// Open implements sim.Discovery: the phone unblinds and matches the
// published set.
func (e *Engine) Open(d sim.Design, secret any, answers []string) ([]sim.Opened, error) {
	bl, ok := secret.(*Blinded)
	if !d.Oblivious() || !ok {
		return nil, fmt.Errorf("design %s has nothing to unblind", d)
	}
	evaluated := make([][]byte, len(answers))
	for i, a := range answers {
		b, err := decode(a)
		if err != nil {
			return nil, fmt.Errorf("evaluated element %d: %w", i, err)
		}
		evaluated[i] = b
	}
	e.mu.Lock()
	outputs, err := e.blinder.Finalize(bl, evaluated)
	e.mu.Unlock()
	if err != nil {
		return nil, err
	}
	opened := make([]sim.Opened, len(outputs))
	for i, o := range outputs {
		devices, _ := e.evaluator.Match(o)
		opened[i] = sim.Opened{Devices: devices, Tag: tag(o)}
	}
	return opened, nil
}

// Build builds the scenario's world over store with the designs'
// cryptography attached, in the scenario's design unless d overrides it
// ("" keeps the scenario's).
func Build(ctx context.Context, s *sim.Scenario, store sim.LogStore, d string) (*sim.World, error) {
	w, err := s.Build(ctx, store)
	if err != nil {
		return nil, err
	}
	if err := Attach(w); err != nil {
		return nil, err
	}
	if d == "" {
		return w, nil
	}
	design, err := sim.ParseDesign(d)
	if err != nil {
		return nil, err
	}
	return w, w.SetDesign(design)
}
