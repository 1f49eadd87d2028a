package sim

// Network is how the phone reaches the internet.
type Network int

// The networks a phone can be on.
const (
	WiFi     Network = iota
	Cellular         // mobile data
	Offline          // no data connection: SMS still works, iMessage does not
)

// String names the network as the status bar does.
func (n Network) String() string {
	switch n {
	case WiFi:
		return "Wi-Fi"
	case Cellular:
		return "Cellular"
	default:
		return "No data"
	}
}

// Next cycles Wi-Fi → Cellular → No data → Wi-Fi.
func (n Network) Next() Network { return (n + 1) % 3 }

// ParseNetwork reads "wifi", "cellular" or "offline".
func ParseNetwork(s string) (Network, bool) {
	switch s {
	case "wifi", "wi-fi", "Wi-Fi":
		return WiFi, true
	case "cellular", "mobile":
		return Cellular, true
	case "offline", "none", "no data":
		return Offline, true
	}
	return 0, false
}

// Settings are the switches in Settings › Messages (and RCS, iOS 18+).
type Settings struct {
	IMessage  bool
	SendAsSMS bool
	RCS       bool
}

// Phone is the user's iPhone.
type Phone struct {
	Owner    string // the owner's name, for the status line
	Self     Handle // sent as x-id-self-uri: the log's source handle
	AppleID  string
	Region   string // ISO region for reading national numbers, e.g. "US"
	Carrier  string
	Settings Settings
	Network  Network
	WiFiIP   string
	CellIP   string
	Cache    *Cache
}

// IP is the address Apple sees the phone's queries come from; "" when offline.
func (p *Phone) IP() string {
	switch p.Network {
	case WiFi:
		return p.WiFiIP
	case Cellular:
		return p.CellIP
	default:
		return ""
	}
}

// Online reports whether the phone has a data connection.
func (p *Phone) Online() bool { return p.Network != Offline }
