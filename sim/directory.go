package sim

import "sync"

// Registration is what Apple's identity service holds for one handle.
type Registration struct {
	Devices int    // iMessage-capable devices registered; 0 = not on iMessage
	Stale   bool   // the person left iMessage (e.g. moved to Android) but never deregistered
	Carrier string // mobile carrier of a phone number, for RCS; "" when unknown
}

// Directory is Apple's identity directory plus what the simulator knows of
// carriers. Handles it does not list are not registered. It is safe for
// concurrent use: in a class, students join while others look them up.
type Directory struct {
	mu          sync.RWMutex
	entries     map[Handle]Registration
	rcsCarriers map[string]bool
	version     uint64 // counts registrations, so an index built over the directory knows it is stale
}

// NewDirectory builds an empty directory.
func NewDirectory() *Directory {
	return &Directory{entries: map[Handle]Registration{}, rcsCarriers: map[string]bool{}}
}

// Register records a handle's registration, replacing any earlier one.
func (d *Directory) Register(h Handle, r Registration) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.entries[h] = r
	d.version++
}

// Version changes whenever a registration does: an index built over the
// directory (the comparison designs' hashes and published set) rebuilds
// when it no longer matches.
func (d *Directory) Version() uint64 {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.version
}

// SetCarrierRCS records whether a carrier supports RCS.
func (d *Directory) SetCarrierRCS(carrier string, rcs bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.rcsCarriers[carrier] = rcs
}

// Lookup returns the registration of h (zero when unknown).
func (d *Directory) Lookup(h Handle) Registration {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.entries[h]
}

// Has reports whether h is listed at all (registered or not).
func (d *Directory) Has(h Handle) bool {
	d.mu.RLock()
	defer d.mu.RUnlock()
	_, ok := d.entries[h]
	return ok
}

// CarrierSupportsRCS reports whether the named carrier offers RCS.
func (d *Directory) CarrierSupportsRCS(carrier string) bool {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return carrier != "" && d.rcsCarriers[carrier]
}

// HandleSupportsRCS reports whether h is a phone number on an RCS carrier.
func (d *Directory) HandleSupportsRCS(h Handle) bool {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return h.IsPhone() && d.rcsCarriers[d.entries[h].Carrier] && d.entries[h].Carrier != ""
}

// Each calls f for every handle the directory lists, in no set order,
// and returns the version it read. f must not call the directory.
func (d *Directory) Each(f func(Handle, Registration)) uint64 {
	d.mu.RLock()
	defer d.mu.RUnlock()
	for h, r := range d.entries {
		f(h, r)
	}
	return d.version
}
