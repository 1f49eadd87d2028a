//go:build !unix

package sim

import "os"

// openNonBlocking opens path for reading; FIFOs block only on unix.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
