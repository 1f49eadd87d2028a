package logview

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

//go:embed places.csv
var placesCSV string

// PlacesNote labels every place shown: the table is part of the simulation.
const PlacesNote = "places are simulated and coarse — city, ISP or carrier gateway; naming a home needs the ISP's own records"

// Place is where an IP address puts a device, by the simulated table.
type Place struct {
	Name    string `json:"place"`
	Network string `json:"network"`
	Known   bool   `json:"known"` // false: the address is not in the table
}

// Places maps client IPs to simulated places (longest prefix first).
type Places struct {
	rows []placeRow
}

type placeRow struct {
	prefix netip.Prefix
	place  Place
}

// LoadPlaces reads the embedded, simulated IP → place table.
func LoadPlaces() (*Places, error) {
	r := csv.NewReader(strings.NewReader(placesCSV))
	r.Comment = '#'
	records, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("the embedded place table: %w", err)
	}
	p := &Places{}
	for i, rec := range records {
		if len(rec) != 3 {
			return nil, fmt.Errorf("the embedded place table, row %d: want prefix,place,network", i+1)
		}
		prefix, err := netip.ParsePrefix(rec[0])
		if err != nil {
			return nil, fmt.Errorf("the embedded place table, row %d: %w", i+1, err)
		}
		p.rows = append(p.rows, placeRow{prefix: prefix.Masked(), place: Place{Name: rec[1], Network: rec[2], Known: true}})
	}
	slices.SortStableFunc(p.rows, func(a, b placeRow) int { return b.prefix.Bits() - a.prefix.Bits() })
	return p, nil
}

// Lookup is the simulated place of ip.
func (p *Places) Lookup(ip string) Place {
	addr, err := netip.ParseAddr(ip)
	if err == nil {
		addr = addr.Unmap()
		for _, row := range p.rows {
			if row.prefix.Contains(addr) {
				return row.place
			}
		}
	}
	return Place{Name: "unknown place", Network: "not in the simulated table"}
}
