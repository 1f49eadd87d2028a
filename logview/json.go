package logview

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"bluegreen/sim"
)

// retentionJSON is the retention rule in a JSON document.
type retentionJSON struct {
	Preset string `json:"preset"`
	Days   int    `json:"days"`
	Phrase string `json:"as_stated"`
	Source string `json:"source"`
}

func retentionDoc(r sim.Retention) retentionJSON {
	return retentionJSON{Preset: r.Name, Days: r.Days(), Phrase: r.Phrase(), Source: sim.RetentionSource(r)}
}

// productionJSON is one production in a JSON document.
type productionJSON struct {
	Produced    time.Time      `json:"produced"`
	Cutoff      time.Time      `json:"retained_from"`
	RecordCount int            `json:"record_count"`
	Covered     *Window        `json:"covered"`
	Expired     *Window        `json:"expired"`
	Pending     *Window        `json:"pending"`
	Incomplete  bool           `json:"incomplete"`
	Notes       []string       `json:"notes"`
	Rows        []sim.LogEntry `json:"rows"`
}

// returnJSON is the return as police receive it.
type returnJSON struct {
	Case          string           `json:"case"`
	Target        sim.Handle       `json:"target"`
	Kind          OrderKind        `json:"kind"`
	Side          Side             `json:"target_side"`
	LegalBasis    string           `json:"legal_basis"`
	Standard      string           `json:"standard"`
	Entered       time.Time        `json:"entered"`
	Period        *Window          `json:"period"`
	Renewals      []Renewal        `json:"extensions"`
	Authorised    *Window          `json:"authorised_through_extensions"`
	SimRule       string           `json:"simulator_rule_assumption"`
	Retention     retentionJSON    `json:"retention"`
	Disclaimer    string           `json:"disclaimer"`
	Productions   []productionJSON `json:"productions"`
	NeverProduced []Window         `json:"never_produced"`
}

// reportJSON keeps the ground truth beside the return, never inside it.
type reportJSON struct {
	Return      returnJSON  `json:"return"`
	Inference   Inference   `json:"inference"`
	GroundTruth GroundTruth `json:"simulator_ground_truth"`
}

func (r *Report) document() reportJSON {
	ret := r.Return
	o := ret.Order
	doc := returnJSON{
		Case: o.Case, Target: o.Target, Kind: o.Kind, Side: o.Side(), LegalBasis: o.Kind.LegalBasis(), Standard: o.Kind.Standard(),
		Entered: o.EnteredAt(), Period: windowOrNil(o.Period), Renewals: nonNil(o.Renewals()), Authorised: windowOrNil(o.Authorised()),
		SimRule:   "how Apple answers these orders is not public; in this simulator " + ruleText(o),
		Retention: retentionDoc(ret.Retention), Disclaimer: Disclaimer,
		NeverProduced: nonNil(ret.Lost()),
	}
	for _, p := range ret.Productions {
		doc.Productions = append(doc.Productions, productionJSON{
			Produced: p.Produced, Cutoff: p.Cutoff, RecordCount: len(p.Rows),
			Covered: windowOrNil(p.Covered), Expired: windowOrNil(p.Expired), Pending: windowOrNil(p.Pending),
			Incomplete: p.Incomplete, Notes: nonNil(p.Notes(ret)), Rows: nonNil(p.Rows),
		})
	}
	return reportJSON{Return: doc, Inference: r.Inference, GroundTruth: r.Truth}
}

// logJSON is Apple's whole server-side view.
type logJSON struct {
	ServerClock time.Time      `json:"server_clock"`
	Retention   retentionJSON  `json:"retention"`
	KeptFrom    time.Time      `json:"kept_from"`
	RowCount    int            `json:"row_count"`
	Disclaimer  string         `json:"disclaimer"`
	Rows        []sim.LogEntry `json:"rows"`
}

func (s LogSnapshot) document() logJSON {
	return logJSON{
		ServerClock: s.Clock, Retention: retentionDoc(s.Retention), KeptFrom: s.KeptFrom(),
		RowCount: len(s.Rows), Disclaimer: Disclaimer, Rows: nonNil(s.Rows),
	}
}

func windowOrNil(w Window) *Window {
	if w.Empty() {
		return nil
	}
	return &w
}

// nonNil makes empty lists print as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// writeJSON writes v indented, then escapes the characters encoding/json
// leaves raw but a terminal may act on (C1 controls, bidi overrides).
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	b = append(escapeJSONRunes(b), '\n')
	_, err = w.Write(b)
	return err
}

// escapeJSONRunes rewrites unsafe runes as \uXXXX. Outside ASCII they can
// only occur inside JSON strings, where the escape means the same rune.
func escapeJSONRunes(b []byte) []byte {
	if !strings.ContainsFunc(string(b), unsafeJSONRune) {
		return b
	}
	var out bytes.Buffer
	for _, r := range string(b) {
		if unsafeJSONRune(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
			continue
		}
		out.WriteRune(r)
	}
	return out.Bytes()
}

// unsafeJSONRune is a rune sim.UnsafeRune refuses that encoding/json
// leaves raw: JSON already escapes every ASCII control character.
func unsafeJSONRune(r rune) bool { return r >= utf8.RuneSelf && sim.UnsafeRune(r) }
