package sim

import "strconv"

// Plural is n with the word for one or for many: "1 row", "3 rows". It is
// the one plural every package uses, so counts read the same everywhere.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
