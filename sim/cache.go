package sim

import (
	"sort"
	"time"
)

// CacheTTL sets how long the phone trusts a lookup result. Open-source
// clients refresh positive results after about a day, negative ones after
// about an hour, and drop anything older than about a week.
type CacheTTL struct {
	Positive time.Duration // refresh a "on iMessage" answer after this
	Negative time.Duration // refresh a "not on iMessage" answer after this
	Expire   time.Duration // forget any answer after this
}

// DefaultCacheTTL is the cache behaviour FACTS.md §4 describes.
func DefaultCacheTTL() CacheTTL {
	return CacheTTL{Positive: 24 * time.Hour, Negative: time.Hour, Expire: 7 * 24 * time.Hour}
}

// CacheEntry is one remembered answer.
type CacheEntry struct {
	Handle    Handle
	Devices   int
	FetchedAt time.Time
}

// CacheState says whether a remembered answer can be used without asking Apple.
type CacheState int

// Cache states, from best to worst.
const (
	CacheFresh CacheState = iota // within its refresh interval: nothing is sent
	CacheStale                   // past refresh: ask Apple again, but usable when offline
	CacheMiss                    // nothing remembered (or expired)
)

// Cache is the phone's memory of identity lookups.
type Cache struct {
	ttl     CacheTTL
	entries map[Handle]CacheEntry
}

// NewCache builds an empty cache with the given lifetimes.
func NewCache(ttl CacheTTL) *Cache { return &Cache{ttl: ttl, entries: map[Handle]CacheEntry{}} }

// TTL returns the cache's lifetimes.
func (c *Cache) TTL() CacheTTL { return c.ttl }

// Get returns what the cache holds for h at time now and how usable it is.
func (c *Cache) Get(h Handle, now time.Time) (CacheEntry, CacheState) {
	e, ok := c.entries[h]
	if !ok {
		return CacheEntry{}, CacheMiss
	}
	age := now.Sub(e.FetchedAt)
	switch {
	case age >= c.ttl.Expire:
		return CacheEntry{}, CacheMiss
	case age < c.refreshAfter(e):
		return e, CacheFresh
	default:
		return e, CacheStale
	}
}

func (c *Cache) refreshAfter(e CacheEntry) time.Duration {
	if e.Devices > 0 {
		return c.ttl.Positive
	}
	return c.ttl.Negative
}

// Put remembers an answer.
func (c *Cache) Put(e CacheEntry) { c.entries[e.Handle] = e }

// Clear forgets everything, as after "Reset" or a sign-out.
func (c *Cache) Clear() { c.entries = map[Handle]CacheEntry{} }

// Entries lists what the cache holds, sorted by handle.
func (c *Cache) Entries() []CacheEntry {
	out := make([]CacheEntry, 0, len(c.entries))
	for _, e := range c.entries {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Handle < out[j].Handle })
	return out
}
