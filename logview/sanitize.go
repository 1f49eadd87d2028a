package logview

// csvKeeps are the characters a CSV field may carry as they are: the CSV
// writer quotes fields holding them and readers restore them. Everything
// else follows sim.UnsafeRune, the one rule every output path uses.
func csvKeeps(r rune) bool { return r == '\n' || r == '\t' }
