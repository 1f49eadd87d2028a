package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// runCLI runs bluegreen with args and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

type lookupDoc struct {
	Query *struct {
		Headers map[string]string `json:"headers"`
		Body    struct {
			URIs []string `json:"uris"`
		} `json:"body"`
	} `json:"query"`
	Response *struct {
		Status int `json:"status"`
	} `json:"response"`
	Recipients []struct {
		Handle string `json:"handle"`
		Colour string `json:"colour"`
		Label  string `json:"label"`
	} `json:"recipients"`
	Route struct {
		Route   string `json:"route"`
		Colour  string `json:"colour"`
		Reasons []struct {
			Source string `json:"source"`
		} `json:"reasons"`
	} `json:"route"`
	Log []map[string]any `json:"log"`
}

func lookupJSONFor(t *testing.T, inputs ...string) lookupDoc {
	t.Helper()
	code, out, errOut := runCLI(t, append([]string{"lookup", "--json"}, inputs...)...)
	if code != 0 {
		t.Fatalf("lookup %v exited %d: %s", inputs, code, errOut)
	}
	var doc lookupDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("lookup --json is not JSON: %v\n%s", err, out)
	}
	return doc
}

func TestLookupJSONForAna(t *testing.T) {
	doc := lookupJSONFor(t, "(415) 555-0132")
	if doc.Route.Route != "imessage" || doc.Route.Colour != "blue" {
		t.Errorf("route = %+v", doc.Route)
	}
	if len(doc.Log) != 1 {
		t.Fatalf("log = %v", doc.Log)
	}
	want := map[string]any{"time": "2016-09-26T16:00:00Z", "source_handle": "tel:+14155550100", "lookup_handle": "tel:+14155550132", "client_ip": "203.0.113.24", "lookup_devices": float64(3), "design": "apple"}
	for k, v := range want {
		if doc.Log[0][k] != v {
			t.Errorf("log[0].%s = %v, want %v", k, doc.Log[0][k], v)
		}
	}
	if len(doc.Log[0]) != len(want) {
		t.Errorf("log row has extra keys (police get five columns, and the simulator says under which design): %v", doc.Log[0])
	}
	if doc.Query == nil || doc.Query.Headers["x-id-self-uri"] != "tel:+14155550100" || doc.Query.Body.URIs[0] != "tel:+14155550132" {
		t.Errorf("query = %+v", doc.Query)
	}
}

func TestLookupRoutes(t *testing.T) {
	tests := []struct {
		inputs  []string
		route   string
		devices float64
	}{
		{[]string{"415-555-0147"}, "sms", 0},
		{[]string{"dev@example.com"}, "imessage", 2},
		{[]string{"nobody@example.com"}, "imessage-cant-be-used", 0},
		{[]string{"415 555 0147", "415 555 0132"}, "mms-group", 0},
	}
	for _, tt := range tests {
		doc := lookupJSONFor(t, tt.inputs...)
		if doc.Route.Route != tt.route {
			t.Errorf("lookup %v route = %s, want %s", tt.inputs, doc.Route.Route, tt.route)
		}
		if len(doc.Log) != len(tt.inputs) || doc.Log[0]["lookup_devices"] != tt.devices {
			t.Errorf("lookup %v log = %v", tt.inputs, doc.Log)
		}
	}
}

func TestLookupIsDeterministic(t *testing.T) {
	_, a, _ := runCLI(t, "lookup", "--json", "415 555 0147", "dev@example.com")
	_, b, _ := runCLI(t, "lookup", "--json", "415 555 0147", "dev@example.com")
	if a != b || a == "" {
		t.Error("two identical lookups printed different documents")
	}
}

func TestLookupBadInputExits2WithNothingOnStdout(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"lookup", "+1415555"}, "incomplete"},
		{[]string{"lookup", "hello"}, "neither a phone number nor an email address"},
		{[]string{"lookup", "--json", "+999 123"}, "unknown country code"},
		{[]string{"lookup"}, "at least one recipient"},
		{[]string{"lookup", "--at", "yesterday", "4155550132"}, "RFC 3339"},
		{[]string{"lookup", "--scenario", "nope", "4155550132"}, "classroom"},
		{[]string{"lookup", "--from", "hello", "4155550132"}, "--from"},
		{[]string{"lookup", "\x1b[31mred"}, `\x1b`},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, tt.args...)
		if code != exitUsage || out != "" {
			t.Errorf("%v: exit %d, stdout %q; want 2 and nothing", tt.args, code, out)
		}
		if !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: stderr %q does not say %q", tt.args, errOut, tt.want)
		}
		if strings.ContainsRune(errOut, '\x1b') {
			t.Errorf("%v: stderr carries an escape character: %q", tt.args, errOut)
		}
	}
}

func TestLookupTextShowsEachStep(t *testing.T) {
	code, out, _ := runCLI(t, "lookup", "--at", "2016-10-01T08:30:00Z", "--from", "+1 415 555 0163", "4155550132")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"x-id-self-uri: tel:+14155550163",
		"POST https://query.ess.apple.com/WebObjects/QueryService.woa/wa/query",
		"APNs command 96, topic com.apple.madrid",
		`{"uris": ["tel:+14155550132"]}`,
		"3 devices on iMessage",
		"Route: iMessage — blue",
		"2016-10-01 08:30:00   tel:+14155550163   tel:+14155550132   203.0.113.24   3",
		"These logs do not indicate that any communication took place.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
}

func TestScenariosListsBuiltins(t *testing.T) {
	code, out, _ := runCLI(t, "scenarios")
	if code != 0 || !strings.Contains(out, "classroom (default)") || !strings.Contains(out, "today") {
		t.Errorf("scenarios: exit %d\n%s", code, out)
	}
}
