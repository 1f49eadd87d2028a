package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// hashedLookup is `lookup --design hashed --json` for input: the hash
// Apple's log holds for it.
func hashedLookup(t *testing.T, input string) string {
	t.Helper()
	code, out, errOut := runCLI(t, "lookup", "--design", "hashed", "--json", input)
	if code != 0 {
		t.Fatalf("lookup --design hashed exited %d: %s", code, errOut)
	}
	var doc struct {
		Log []map[string]any `json:"log"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Log) != 1 {
		t.Fatalf("lookup JSON: %v\n%s", err, out)
	}
	row := doc.Log[0]
	hash, _ := row["lookup_handle"].(string)
	if row["design"] != "hashed" || len(hash) != 20 || strings.Contains(out, `"lookup_handle": "tel:`) {
		t.Fatalf("the hashed design logged %v", row)
	}
	return hash
}

func TestReverseFindsTheHashedNumber(t *testing.T) {
	hash := hashedLookup(t, "4155550132")
	code, out, errOut := runCLI(t, "reverse", "--hash", hash, "--space", "555-01xx")
	if code != 0 {
		t.Fatalf("reverse exited %d: %s", code, errOut)
	}
	for _, want := range []string{hash + "  +14155550132", "hashes a second", "North American plan (10^10 numbers) would take"} {
		if !strings.Contains(out, want) {
			t.Errorf("reverse output lacks %q:\n%s", want, out)
		}
	}
}

func TestReverseJSONSaysNotFound(t *testing.T) {
	email := hashedLookup(t, "dev@example.com")
	code, out, errOut := runCLI(t, "reverse", "--json", "--hash", email, "--space", "555-01xx")
	if code != 0 {
		t.Fatalf("reverse exited %d: %s", code, errOut)
	}
	var doc struct {
		Enumerations []struct {
			Tried    int64    `json:"tried"`
			NotFound []string `json:"not_found"`
			Found    []any    `json:"found"`
		} `json:"enumerations"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Enumerations) != 1 {
		t.Fatalf("reverse JSON: %v\n%s", err, out)
	}
	e := doc.Enumerations[0]
	if e.Tried != 100 || len(e.Found) != 0 || len(e.NotFound) != 1 || e.NotFound[0] != email {
		t.Errorf("enumeration = %+v: an email's hash is not found among numbers", e)
	}
}

func TestReverseBadInputExits2(t *testing.T) {
	for _, args := range [][]string{
		{"reverse"},
		{"reverse", "--hash", "xyz"},
		{"reverse", "--hash", "0123456789abcdef0123", "--space", "no-such-file"},
		{"lookup", "--design", "secret", "4155550132"},
	} {
		code, out, errOut := runCLI(t, args...)
		if code != 2 || out != "" || errOut == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}
