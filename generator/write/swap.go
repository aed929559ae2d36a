package write

import "os"

// swapByRename swaps two folders with three renames. There is a short
// moment when b is missing, but it is never half written.
func swapByRename(a, b string) error {
	tmp := a + ".old"
	if err := os.Rename(b, tmp); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		_ = os.Rename(tmp, b)
		return err
	}
	return os.Rename(tmp, a)
}
