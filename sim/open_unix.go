//go:build unix

package sim

import (
	"os"
	"syscall"
)

// openNonBlocking opens path for reading without waiting for a writer: a
// FIFO would otherwise block the open itself until someone writes to it.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
