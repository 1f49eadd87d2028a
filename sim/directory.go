package sim

// Registration is what Apple's identity service holds for one handle.
type Registration struct {
	Devices int    // iMessage-capable devices registered; 0 = not on iMessage
	Stale   bool   // the person left iMessage (e.g. moved to Android) but never deregistered
	Carrier string // mobile carrier of a phone number, for RCS; "" when unknown
}

// Directory is Apple's identity directory plus what the simulator knows of
// carriers. Handles it does not list are not registered.
type Directory struct {
	entries     map[Handle]Registration
	rcsCarriers map[string]bool
}

// NewDirectory builds an empty directory.
func NewDirectory() *Directory {
	return &Directory{entries: map[Handle]Registration{}, rcsCarriers: map[string]bool{}}
}

// Register records a handle's registration, replacing any earlier one.
func (d *Directory) Register(h Handle, r Registration) { d.entries[h] = r }

// SetCarrierRCS records whether a carrier supports RCS.
func (d *Directory) SetCarrierRCS(carrier string, rcs bool) { d.rcsCarriers[carrier] = rcs }

// Lookup returns the registration of h (zero when unknown).
func (d *Directory) Lookup(h Handle) Registration { return d.entries[h] }

// CarrierSupportsRCS reports whether the named carrier offers RCS.
func (d *Directory) CarrierSupportsRCS(carrier string) bool {
	return carrier != "" && d.rcsCarriers[carrier]
}

// HandleSupportsRCS reports whether h is a phone number on an RCS carrier.
func (d *Directory) HandleSupportsRCS(h Handle) bool {
	return h.IsPhone() && d.CarrierSupportsRCS(d.entries[h].Carrier)
}

// Each calls f for every handle the directory lists, in no set order.
func (d *Directory) Each(f func(Handle, Registration)) {
	for h, r := range d.entries {
		f(h, r)
	}
}
