//go:build !linux

package write

import "os"

func exchange(a, b string) error { return swapByRename(a, b) }

// openNoFollow opens name for reading, refusing a symbolic link.
func openNoFollow(name string) (*os.File, error) {
	if info, err := os.Lstat(name); err != nil || info.Mode()&os.ModeSymlink != 0 {
		return nil, os.ErrNotExist
	}
	return os.Open(name)
}
