package sim

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

//go:embed scenarios/*.yaml
var builtinFS embed.FS

// DefaultScenario is the built-in world bluegreen starts with.
const DefaultScenario = "classroom"

// Scenario is a world described in YAML.
type Scenario struct {
	Name        string        `yaml:"name"`
	Description string        `yaml:"description"`
	Seed        uint64        `yaml:"seed"`
	Start       time.Time     `yaml:"start"`
	Preset      string        `yaml:"preset"`    // "2016" or "today"
	Retention   string        `yaml:"retention"` // overrides the preset's retention
	Trigger     string        `yaml:"trigger"`
	Design      string        `yaml:"design"` // apple (default) or a comparison design
	RateLimit   RateLimitSpec `yaml:"rate_limit"`
	Phone       PhoneSpec     `yaml:"phone"`
	Contacts    []ContactSpec `yaml:"contacts"`
	Directory   []EntrySpec   `yaml:"directory"`
	Carriers    []CarrierSpec `yaml:"carriers"`
	Others      []OtherSpec   `yaml:"others"`
	src         *YAMLSource   // where it came from, to point errors at lines
}

// RateLimitSpec is Apple's per-account lookup limit.
type RateLimitSpec struct {
	Max int           `yaml:"max"`
	Per time.Duration `yaml:"per"`
}

// PhoneSpec describes the user's phone.
type PhoneSpec struct {
	Owner      string    `yaml:"owner"`
	Number     string    `yaml:"number"`
	AppleID    string    `yaml:"apple_id"`
	Region     string    `yaml:"region"`
	Carrier    string    `yaml:"carrier"`
	IMessage   *bool     `yaml:"imessage"`
	SendAsSMS  *bool     `yaml:"send_as_sms"`
	RCS        *bool     `yaml:"rcs"`
	Network    string    `yaml:"network"`
	WiFiIP     string    `yaml:"wifi_ip"`
	CellularIP string    `yaml:"cellular_ip"`
	Cache      CacheSpec `yaml:"cache"`
}

// CacheSpec overrides the phone's cache lifetimes.
type CacheSpec struct {
	Positive time.Duration `yaml:"positive"`
	Negative time.Duration `yaml:"negative"`
	Expire   time.Duration `yaml:"expire"`
}

// ContactSpec is an address-book entry.
type ContactSpec struct {
	Name    string   `yaml:"name"`
	Handles []string `yaml:"handles"`
	Note    string   `yaml:"note"`
}

// EntrySpec is a handle in Apple's directory.
type EntrySpec struct {
	Handle  string `yaml:"handle"`
	Devices int    `yaml:"devices"`
	Stale   bool   `yaml:"stale"`
	Carrier string `yaml:"carrier"`
}

// CarrierSpec says whether a carrier offers RCS.
type CarrierSpec struct {
	Name string `yaml:"name"`
	RCS  bool   `yaml:"rcs"`
}

// OtherSpec schedules another account's lookups.
type OtherSpec struct {
	Name    string        `yaml:"name"`
	Account string        `yaml:"account"`
	IP      string        `yaml:"ip"`
	LooksUp []string      `yaml:"looks_up"`
	First   time.Time     `yaml:"first"`
	Every   time.Duration `yaml:"every"`
	Chance  *float64      `yaml:"chance"`
	App     string        `yaml:"app"` // "Messages" (default) or "Contacts"
}

// ScenarioError points at the place in a scenario (or demo script) file
// that is wrong.
type ScenarioError struct {
	File   string
	Line   int // 0 when unknown
	Column int
	Msg    string
}

// Error is the message, made Printable: a file name or a key from a
// hostile file must not reach a terminal as an escape sequence.
func (e *ScenarioError) Error() string {
	if e.Line == 0 {
		return Printable(fmt.Sprintf("%s: %s", e.File, e.Msg))
	}
	return Printable(fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg))
}

// BuiltinScenario describes one embedded scenario.
type BuiltinScenario struct {
	Name        string
	Description string
}

// BuiltinScenarios lists the embedded scenarios, sorted by name.
func BuiltinScenarios() ([]BuiltinScenario, error) {
	files, err := fs.Glob(builtinFS, "scenarios/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	out := make([]BuiltinScenario, 0, len(files))
	for _, f := range files {
		s, err := loadBuiltin(strings.TrimSuffix(path.Base(f), ".yaml"))
		if err != nil {
			return nil, err
		}
		out = append(out, BuiltinScenario{Name: s.Name, Description: s.Description})
	}
	return out, nil
}

// LoadScenario finds a scenario by built-in name or file path.
func LoadScenario(nameOrPath string) (*Scenario, error) {
	if nameOrPath == "" {
		nameOrPath = DefaultScenario
	}
	if s, err := loadBuiltin(nameOrPath); err == nil {
		return s, nil
	}
	data, err := ReadYAMLFile(nameOrPath)
	if errors.Is(err, fs.ErrNotExist) {
		names, _ := BuiltinScenarios()
		return nil, fmt.Errorf("no built-in scenario or file named %q (built-ins: %s)", nameOrPath, builtinNames(names))
	}
	if err != nil {
		return nil, err
	}
	return ParseScenario(nameOrPath, data)
}

func builtinNames(bs []BuiltinScenario) string {
	names := make([]string, len(bs))
	for i, b := range bs {
		names[i] = b.Name
	}
	return strings.Join(names, ", ")
}

func loadBuiltin(name string) (*Scenario, error) {
	if strings.ContainsAny(name, "/\\.") {
		return nil, fs.ErrNotExist
	}
	data, err := builtinFS.ReadFile("scenarios/" + name + ".yaml")
	if err != nil {
		return nil, err
	}
	return ParseScenario(name+".yaml", data)
}

// ParseScenario reads and checks a scenario; file names it in errors.
func ParseScenario(file string, data []byte) (*Scenario, error) {
	s := &Scenario{}
	src, err := DecodeYAML(file, data, s)
	if err != nil {
		return nil, err
	}
	s.src = src // after decoding, which may reset the whole value
	if err := s.check(); err != nil {
		return nil, err
	}
	return s, nil
}

// errAt makes an error pointing at the YAML path (e.g. "$.phone.number").
func (s *Scenario) errAt(yamlPath, format string, args ...any) error {
	return s.src.ErrAt(yamlPath, format, args...)
}
