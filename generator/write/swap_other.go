//go:build !linux

package write

func exchange(a, b string) error { return swapByRename(a, b) }
