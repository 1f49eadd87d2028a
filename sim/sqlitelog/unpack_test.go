package sqlitelog

import (
	"strings"
	"testing"
)

func TestUnpackRefusesMalformedRows(t *testing.T) {
	for _, bad := range []string{
		"", "1 2 3 4", "1 2 3 4 5", "1 2 3 4 5 6", "x 2 3 0 0 0 ", "1 2 3 -1 0 0 ab", "1 2 3 9 0 0 short",
		"1 2 3 2 9223372036854775807 0 ab", "1 2 3 1 1 9223372036854775807 ab", "1 2 3 0 0 -2 ab",
		"1 2 3 99999999999999999999 0 0 a",
	} {
		if e, err := unpack(bad); err == nil {
			t.Errorf("unpack(%q) = %+v; want an error", bad, e)
		}
	}
}

// FuzzUnpack: no input panics, and what unpacks re-packs to the same text.
func FuzzUnpack(f *testing.F) {
	f.Add("1 1472724000000000000 3 16 16 5 tel:+14155550100tel:+14155550132apple203.0.113.24")
	f.Add("7 0 0 0 0 0 ")
	f.Fuzz(func(t *testing.T, packed string) {
		e, err := unpack(packed)
		if err != nil {
			return
		}
		if !strings.HasSuffix(packed, string(e.SourceHandle)+string(e.LookupHandle)+string(e.Design)+e.ClientIP) {
			t.Fatalf("unpack(%q) = %+v: the strings are not the tail of the row", packed, e)
		}
	})
}
