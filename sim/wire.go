package sim

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"strconv"
	"time"
)

// What the phone's lookup looks like on the wire (FACTS.md §4). The values
// come from open-source reimplementations, read as descriptions only.
const (
	QueryBagKey      = "id-query"
	QueryURL         = "https://query.ess.apple.com/WebObjects/QueryService.woa/wa/query"
	APNsTopic        = "com.apple.madrid"
	APNsCommand      = 96
	ProtocolVersion  = "1640"
	MaxURIsPerQuery  = 20
	BodyEncoding     = "gzip-compressed binary property list"
	StatusOK         = 0
	StatusRateLimit  = 7000
	sessionRefreshS  = 86400
	sessionExpiresS  = 604800
	noncePrefixByte  = 0x01
	nonceRandomBytes = 8
)

// Header is one request header.
type Header struct {
	Name  string
	Value string
}

// Headers keep their order, which a plain map would lose.
type Headers []Header

// Get returns the value of the named header ("" when absent).
func (hs Headers) Get(name string) string {
	for _, h := range hs {
		if h.Name == name {
			return h.Value
		}
	}
	return ""
}

// MarshalJSON writes the headers as one object, in order.
func (hs Headers) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, h := range hs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(h.Name)
		v, _ := json.Marshal(h.Value)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Transport says how the query travels: inside the phone's push connection.
type Transport struct {
	APNsCommand int    `json:"apns_command"`
	APNsTopic   string `json:"apns_topic"`
}

// QueryBody is the request body before gzip and plist encoding. Apple's
// design (and no-log) sends URIs; the comparison designs send Hashes (hashed)
// or Blinded elements (private) instead, and never the handles.
type QueryBody struct {
	URIs    []Handle `json:"uris,omitempty"`
	Hashes  []string `json:"hashes,omitempty"`
	Blinded []string `json:"blinded_elements,omitempty"`
}

// Items is how many handles the body asks about.
func (b QueryBody) Items() int { return len(b.URIs) + len(b.Hashes) + len(b.Blinded) }

// Query is one identity lookup as the phone sends it.
type Query struct {
	BagKey       string    `json:"bag_key"`
	URL          string    `json:"url"`
	Transport    Transport `json:"transport"`
	Headers      Headers   `json:"headers"`
	Body         QueryBody `json:"body"`
	BodyEncoding string    `json:"body_encoding"`
}

// Identity is one registered device of a looked-up handle.
type Identity struct {
	PushToken                  string     `json:"push-token"`
	SessionToken               string     `json:"session-token"`
	SessionTokenRefreshSeconds int        `json:"session-token-refresh-seconds"`
	SessionTokenExpiresSeconds int        `json:"session-token-expires-seconds"`
	ClientData                 ClientData `json:"client-data"`
}

// ClientData carries the device's public keys (fake, simulated).
type ClientData struct {
	PublicMessageIdentityKey string `json:"public-message-identity-key"`
	ShowPeerErrors           bool   `json:"show-peer-errors"`
}

// URIResult is Apple's answer for one handle. Not on iMessage means an
// empty identities list; the per-handle status code Apple uses then is
// uncertain (the simulator sends 0 — an assumption).
type URIResult struct {
	Status     int        `json:"status"`
	Identities []Identity `json:"identities"`
}

// Response is Apple's answer to a Query.
type Response struct {
	Status  int                  `json:"status"`
	Message string               `json:"message,omitempty"`
	Results map[Handle]URIResult `json:"results,omitempty"`
	// Evaluated holds the OPRF answers of the private designs, one per
	// blinded element, in order (comparison designs only).
	Evaluated []string `json:"evaluated_elements,omitempty"`
}

// Devices is how many devices the response lists for h.
func (r Response) Devices(h Handle) int { return len(r.Results[h].Identities) }

// SplitBatches cuts a list of handles into queries of at most
// MaxURIsPerQuery, as clients do.
func SplitBatches(hs []Handle) [][]Handle {
	var out [][]Handle
	for len(hs) > MaxURIsPerQuery {
		out = append(out, hs[:MaxURIsPerQuery:MaxURIsPerQuery])
		hs = hs[MaxURIsPerQuery:]
	}
	if len(hs) > 0 {
		out = append(out, hs)
	}
	return out
}

// fakes makes the realistic-looking but meaningless values of the wire:
// stable ones derived from the seed, per-query ones from a seeded stream.
type fakes struct {
	seed uint64
	rng  *rand.Rand
}

func newFakes(seed uint64) *fakes {
	return &fakes{seed: seed, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// stable returns n bytes that depend only on the seed and the label.
func (f *fakes) stable(label string, n int) []byte {
	var out []byte
	for i := 0; len(out) < n; i++ {
		sum := sha256.Sum256([]byte(strconv.FormatUint(f.seed, 10) + "\x00" + label + "\x00" + strconv.Itoa(i)))
		out = append(out, sum[:]...)
	}
	return out[:n]
}

func (f *fakes) random(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(f.rng.Uint32())
	}
	return b
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// nonce is 0x01, the time in milliseconds, then 8 random bytes.
func (f *fakes) nonce(at time.Time) []byte {
	b := make([]byte, 1, 1+8+nonceRandomBytes)
	b[0] = noncePrefixByte
	b = binary.BigEndian.AppendUint64(b, uint64(at.UnixMilli()))
	return append(b, f.random(nonceRandomBytes)...)
}

// newQuery builds the lookup the phone sends for uris.
func (f *fakes) newQuery(p *Phone, userAgent string, qb QueryBody, at time.Time) Query {
	body, _ := json.Marshal(qb)
	pushToken := f.stable("push-token:"+string(p.Self), 32)
	nonce := f.nonce(at)
	sig := sha256.Sum256(bytes.Join([][]byte{nonce, []byte(QueryBagKey), body, pushToken}, nil))
	return Query{
		BagKey:    QueryBagKey,
		URL:       QueryURL,
		Transport: Transport{APNsCommand: APNsCommand, APNsTopic: APNsTopic},
		Headers: Headers{
			{"x-id-self-uri", string(p.Self)},
			{"x-protocol-version", ProtocolVersion},
			{"x-push-token", b64(pushToken)},
			{"x-id-cert", b64(f.stable("id-cert:"+string(p.Self), 48))},
			{"x-id-nonce", b64(nonce)},
			{"x-id-sig", b64(append([]byte{0x01, 0x01}, sig[:]...))},
			{"user-agent", userAgent},
		},
		Body:         qb,
		BodyEncoding: BodyEncoding,
	}
}

// identities invents the device records for a registered handle: push
// tokens are per device and stable; session tokens are new each time.
func (f *fakes) identities(h Handle, devices int) []Identity {
	ids := make([]Identity, devices)
	for i := range ids {
		dev := string(h) + "#" + strconv.Itoa(i)
		ids[i] = Identity{
			PushToken:                  b64(f.stable("device-push:"+dev, 32)),
			SessionToken:               b64(f.random(24)),
			SessionTokenRefreshSeconds: sessionRefreshS,
			SessionTokenExpiresSeconds: sessionExpiresS,
			ClientData: ClientData{
				PublicMessageIdentityKey: hex.EncodeToString(f.stable("identity-key:"+dev, 16)),
				ShowPeerErrors:           true,
			},
		}
	}
	return ids
}
