package write

import (
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps two folders in one atomic step (renameat2 with
// RENAME_EXCHANGE): at no moment is the destination missing or half
// written.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err == unix.ENOSYS || err == unix.EINVAL {
		return swapByRename(a, b)
	}
	return err
}

// openNoFollow opens name for reading, refusing a symbolic link.
func openNoFollow(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|unix.O_NOFOLLOW, 0)
}
