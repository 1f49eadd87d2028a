package sim

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"
)

// Every address a scenario may use is from the documentation ranges
// (RFC 5737, RFC 3849), so nothing real can be implied (FACTS.md §6).
func documentationPrefixes() []string {
	return []string{"192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"}
}

// IsDocumentationIP reports whether ip is in a documentation range.
func IsDocumentationIP(ip string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	for _, p := range documentationPrefixes() {
		if netip.MustParsePrefix(p).Contains(addr) {
			return true
		}
	}
	return false
}

// userAgents are plausible Messages lookup agents for each preset
// (simulated values).
func userAgent(preset string) string {
	if preset == PresetToday {
		return "com.apple.madrid-lookup [iPhone OS,18.1,22B83,iPhone17,1]"
	}
	return "com.apple.madrid-lookup [iPhone OS,9.3.5,13G36,iPhone8,1]"
}

const maxDevices = 50

// The bounds on a scenario's lists: far above what a lesson needs, and
// low enough that checking and building a world stays instant and one
// occurrence of every schedule together logs at most maxOthers ×
// maxLooksUp rows.
const (
	maxContacts  = 1000
	maxHandles   = 20 // per contact
	maxDirectory = 2000
	maxCarriers  = 100
	maxOthers    = 50
	maxLooksUp   = 40 // per scheduled account
	maxEvery     = 10 * 365 * day
)

// check validates everything Build relies on, pointing errors at the file.
func (s *Scenario) check() error {
	checks := []func() error{s.checkSizes, s.checkHeader, s.checkPhone, s.checkContacts, s.checkDirectory, s.checkCarriers, s.checkOthers}
	for _, c := range checks {
		if err := c(); err != nil {
			return err
		}
	}
	return nil
}

// listBound is one list of a scenario and its most entries.
type listBound struct {
	path     string
	n, limit int
}

// checkSizes bounds every list before anything looks inside them.
func (s *Scenario) checkSizes() error {
	lists := []listBound{{"$.contacts", len(s.Contacts), maxContacts}, {"$.directory", len(s.Directory), maxDirectory},
		{"$.carriers", len(s.Carriers), maxCarriers}, {"$.others", len(s.Others), maxOthers}}
	for i, c := range s.Contacts {
		lists = append(lists, listBound{fmt.Sprintf("$.contacts[%d].handles", i), len(c.Handles), maxHandles})
	}
	for i, o := range s.Others {
		lists = append(lists, listBound{fmt.Sprintf("$.others[%d].looks_up", i), len(o.LooksUp), maxLooksUp})
	}
	for _, l := range lists {
		if l.n > l.limit {
			return s.errAt(l.path, "%d entries; at most %d", l.n, l.limit)
		}
	}
	return nil
}

func (s *Scenario) checkHeader() error {
	switch {
	case strings.TrimSpace(s.Name) == "":
		return s.errAt("$.name", "required")
	case !isPrintable(s.Name, nil):
		return s.errAt("$.name", "control, bidirectional-override and piled-up combining characters are not allowed")
	case !isPrintable(s.Description, nil):
		return s.errAt("$.description", "control, bidirectional-override and piled-up combining characters are not allowed")
	case s.Start.IsZero():
		return s.errAt("$.start", "required: when the simulation starts, e.g. 2016-09-26T16:00:00Z")
	}
	if err := CheckTime(s.Start); err != nil {
		return s.errAt("$.start", "%v", err)
	}
	if s.Preset == "" {
		s.Preset = Preset2016
	}
	if _, err := ParseRetention(s.Preset); err != nil {
		return s.errAt("$.preset", "%v", err)
	}
	if s.Retention != "" {
		if _, err := ParseRetention(s.Retention); err != nil {
			return s.errAt("$.retention", "%v", err)
		}
	}
	if _, err := ParseDesign(s.Design); err != nil {
		return s.errAt("$.design", "%v", err)
	}
	if s.Trigger != "" {
		if _, err := ParseTriggerPolicy(s.Trigger); err != nil {
			return s.errAt("$.trigger", "%v", err)
		}
	}
	if s.RateLimit != (RateLimitSpec{}) && (s.RateLimit.Max <= 0 || s.RateLimit.Per <= 0) {
		return s.errAt("$.rate_limit.max", "max must be 1 or more lookups per a positive per (e.g. max: 100, per: 1h); leave rate_limit out for no limit")
	}
	if keep := s.retention(); s.RateLimit.Per > keep.Keep {
		return s.errAt("$.rate_limit.per", "%s is longer than the %d days Apple keeps its log here (retention %q): the limit counts an account's rows in the log, and rows older than the retention are gone; real rate limits count minutes or hours", s.RateLimit.Per, keep.Days(), keep.Name)
	}
	return nil
}

// retention is the scenario's retention: its own, else its preset's. Both
// names are checked on load.
func (s *Scenario) retention() Retention {
	name := s.Preset
	if s.Retention != "" {
		name = s.Retention
	}
	r, _ := ParseRetention(name)
	return r
}

func (s *Scenario) checkPhone() error {
	p := &s.Phone
	for _, text := range [...]struct{ key, value string }{{"owner", p.Owner}, {"carrier", p.Carrier}} {
		if !isPrintable(text.value, nil) {
			return s.errAt("$.phone."+text.key, "control, bidirectional-override and piled-up combining characters are not allowed")
		}
	}
	if p.Region == "" {
		p.Region = "US"
	}
	if !phonenumbers.GetSupportedRegions()[p.Region] {
		return s.errAt("$.phone.region", "%q is not a region code (e.g. US, GB)", p.Region)
	}
	if _, err := ParseHandle(p.Number, p.Region); err != nil {
		return s.errAt("$.phone.number", "%v", err)
	}
	if p.AppleID != "" {
		if h, err := ParseHandle(p.AppleID, p.Region); err != nil || !h.IsEmail() {
			return s.errAt("$.phone.apple_id", "must be an email address")
		}
	}
	if p.Network == "" {
		p.Network = "wifi"
	}
	if _, ok := ParseNetwork(p.Network); !ok {
		return s.errAt("$.phone.network", "%q: use wifi, cellular or offline", p.Network)
	}
	for _, ip := range [...]struct{ key, value string }{{"wifi_ip", p.WiFiIP}, {"cellular_ip", p.CellularIP}} {
		if !IsDocumentationIP(ip.value) {
			return s.errAt("$.phone."+ip.key, "%q is not in a documentation range (%s)", ip.value, strings.Join(documentationPrefixes(), ", "))
		}
	}
	return s.checkCache()
}

func (s *Scenario) checkCache() error {
	c := s.Phone.Cache
	for _, d := range []time.Duration{c.Positive, c.Negative, c.Expire} {
		if d < 0 {
			return s.errAt("$.phone.cache", "lifetimes cannot be negative")
		}
	}
	ttl := s.cacheTTL()
	if ttl.Positive > ttl.Expire || ttl.Negative > ttl.Expire {
		return s.errAt("$.phone.cache", "refresh times must not exceed expire (%s)", ttl.Expire)
	}
	return nil
}

func (s *Scenario) cacheTTL() CacheTTL {
	ttl, c := DefaultCacheTTL(), s.Phone.Cache
	if c.Positive > 0 {
		ttl.Positive = c.Positive
	}
	if c.Negative > 0 {
		ttl.Negative = c.Negative
	}
	if c.Expire > 0 {
		ttl.Expire = c.Expire
	}
	return ttl
}

func (s *Scenario) checkContacts() error {
	for i, c := range s.Contacts {
		at := fmt.Sprintf("$.contacts[%d]", i)
		if strings.TrimSpace(c.Name) == "" || !isPrintable(c.Name, nil) {
			return s.errAt(at+".name", "a contact needs a name without control, bidirectional-override or piled-up combining characters")
		}
		if !isPrintable(c.Note, nil) {
			return s.errAt(at+".note", "control, bidirectional-override and piled-up combining characters are not allowed")
		}
		if len(c.Handles) == 0 {
			return s.errAt(at, "contact %q has no handles", c.Name)
		}
		for j, h := range c.Handles {
			if _, err := ParseHandle(h, s.Phone.Region); err != nil {
				return s.errAt(fmt.Sprintf("%s.handles[%d]", at, j), "%v", err)
			}
		}
	}
	return nil
}

func (s *Scenario) checkDirectory() error {
	seen := map[Handle]bool{}
	for i, e := range s.Directory {
		at := fmt.Sprintf("$.directory[%d]", i)
		h, err := ParseHandle(e.Handle, s.Phone.Region)
		switch {
		case err != nil:
			return s.errAt(at+".handle", "%v", err)
		case seen[h]:
			return s.errAt(at+".handle", "%s is listed twice", h)
		case e.Devices < 0 || e.Devices > maxDevices:
			return s.errAt(at+".devices", "must be between 0 and %d", maxDevices)
		case !isPrintable(e.Carrier, nil):
			return s.errAt(at+".carrier", "control, bidirectional-override and piled-up combining characters are not allowed")
		case e.Stale && e.Devices == 0:
			return s.errAt(at+".stale", "a stale registration needs at least one device")
		}
		seen[h] = true
	}
	return nil
}

func (s *Scenario) checkCarriers() error {
	seen := map[string]bool{}
	for i, c := range s.Carriers {
		if strings.TrimSpace(c.Name) == "" || seen[c.Name] || !isPrintable(c.Name, nil) {
			return s.errAt(fmt.Sprintf("$.carriers[%d].name", i), "carrier names must be present, printable and unique")
		}
		seen[c.Name] = true
	}
	return nil
}

func (s *Scenario) checkOthers() error {
	for i, o := range s.Others {
		at := fmt.Sprintf("$.others[%d]", i)
		switch {
		case strings.TrimSpace(o.Name) == "" || !isPrintable(o.Name, nil):
			return s.errAt(at+".name", "a scheduled account needs a printable name")
		case !IsDocumentationIP(o.IP):
			return s.errAt(at+".ip", "%q is not in a documentation range (%s)", o.IP, strings.Join(documentationPrefixes(), ", "))
		case o.First.IsZero():
			return s.errAt(at+".first", "required: the time of the first lookup")
		case CheckTime(o.First) != nil:
			return s.errAt(at+".first", "%v", CheckTime(o.First))
		case o.Every < 0 || o.Every > 0 && o.Every < time.Minute || o.Every > maxEvery:
			return s.errAt(at+".every", "must be from 1m to %s (or left out for a single lookup)", maxEvery)
		case o.Chance != nil && !(*o.Chance > 0 && *o.Chance <= 1):
			return s.errAt(at+".chance", "must be above 0 and at most 1")
		case len(o.LooksUp) == 0:
			return s.errAt(at, "looks_up needs at least one handle")
		case o.App != "" && o.App != "Messages" && o.App != "Contacts":
			return s.errAt(at+".app", "use Messages or Contacts")
		}
		if _, err := ParseHandle(o.Account, s.Phone.Region); err != nil {
			return s.errAt(at+".account", "%v", err)
		}
		for j, h := range o.LooksUp {
			if _, err := ParseHandle(h, s.Phone.Region); err != nil {
				return s.errAt(fmt.Sprintf("%s.looks_up[%d]", at, j), "%v", err)
			}
		}
	}
	return nil
}

func (s *Scenario) schedule(start time.Time) schedule {
	sc := schedule{seed: s.Seed, others: make([]Other, len(s.Others)), next: make([]int, len(s.Others))}
	for i, o := range s.Others {
		account, _ := ParseHandle(o.Account, s.Phone.Region)
		other := Other{Name: o.Name, Account: account, IP: o.IP, First: o.First.UTC(), Every: o.Every, Chance: 1, Trigger: TriggerTyped}
		if o.Chance != nil {
			other.Chance = *o.Chance
		}
		if o.App == "Contacts" {
			other.Trigger = TriggerCard
		}
		for _, raw := range o.LooksUp {
			h, _ := ParseHandle(raw, s.Phone.Region)
			other.LooksUp = append(other.LooksUp, h)
		}
		sc.others[i] = other
	}
	sc.skipBefore(start)
	return sc
}

// Build makes the world the scenario describes, writing Apple's log to
// store. A store that remembers Apple's clock (a database file) wins over
// the scenario's start when it is later: the server's time never runs back.
func (s *Scenario) Build(ctx context.Context, store LogStore) (*World, error) {
	start := s.Start
	if cs, ok := store.(ClockStore); ok {
		t, err := cs.ServerTime(ctx)
		if err != nil {
			return nil, err
		}
		if t.After(start) {
			start = t
		}
	}
	if err := CheckTime(start); err != nil {
		return nil, fmt.Errorf("the world cannot start: %w", err)
	}
	retention := s.retention()
	policy := AsYouType
	if s.Trigger != "" {
		policy, _ = ParseTriggerPolicy(s.Trigger)
	}
	clock := NewClock(start)
	dir := s.directory()
	self, _ := ParseHandle(s.Phone.Number, s.Phone.Region)
	network, _ := ParseNetwork(s.Phone.Network)
	phone := &Phone{
		Owner:    s.Phone.Owner,
		Self:     self,
		AppleID:  strings.ToLower(s.Phone.AppleID),
		Region:   s.Phone.Region,
		Carrier:  s.Phone.Carrier,
		Settings: Settings{IMessage: boolOr(s.Phone.IMessage, true), SendAsSMS: boolOr(s.Phone.SendAsSMS, true), RCS: boolOr(s.Phone.RCS, true)},
		Network:  network,
		WiFiIP:   s.Phone.WiFiIP,
		CellIP:   s.Phone.CellularIP,
		Cache:    NewCache(s.cacheTTL()),
	}
	if phone.Owner == "" {
		phone.Owner = "You"
	}
	limit := RateLimit{Max: s.RateLimit.Max, Per: s.RateLimit.Per}
	server := NewServer(dir, store, clock, retention, limit, s.Seed)
	server.design, _ = ParseDesign(s.Design) // checked on load
	return &World{
		Name:         s.Name,
		Clock:        clock,
		Phone:        phone,
		Server:       server,
		Contacts:     s.contacts(),
		Policy:       policy,
		RCSAvailable: s.Preset == PresetToday,
		UserAgent:    userAgent(s.Preset),
		Seed:         s.Seed,
		Scenario:     s,
		fakes:        newFakes(s.Seed),
		others:       s.schedule(start),
	}, nil
}

func (s *Scenario) directory() *Directory {
	dir := NewDirectory()
	for _, c := range s.Carriers {
		dir.SetCarrierRCS(c.Name, c.RCS)
	}
	for _, e := range s.Directory {
		h, _ := ParseHandle(e.Handle, s.Phone.Region)
		dir.Register(h, Registration{Devices: e.Devices, Stale: e.Stale, Carrier: e.Carrier})
	}
	s.registerOwnPhone(dir)
	return dir
}

// registerOwnPhone puts the phone's own handles in the directory when the
// file left them out: an iPhone with iMessage on is registered.
func (s *Scenario) registerOwnPhone(dir *Directory) {
	if !boolOr(s.Phone.IMessage, true) {
		return
	}
	self, _ := ParseHandle(s.Phone.Number, s.Phone.Region)
	if dir.Lookup(self).Devices == 0 {
		dir.Register(self, Registration{Devices: 1, Carrier: s.Phone.Carrier})
	}
	if appleID, err := ParseHandle(s.Phone.AppleID, s.Phone.Region); err == nil && dir.Lookup(appleID).Devices == 0 {
		dir.Register(appleID, Registration{Devices: 1})
	}
}

func (s *Scenario) contacts() []Contact {
	out := make([]Contact, len(s.Contacts))
	for i, c := range s.Contacts {
		out[i] = Contact{Name: c.Name, Note: c.Note}
		for _, raw := range c.Handles {
			h, _ := ParseHandle(raw, s.Phone.Region)
			out[i].Handles = append(out[i].Handles, h)
		}
	}
	return out
}

func boolOr(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}
