//go:build unix

package main

import (
	"os"
	"strconv"
	"syscall"
)

// folderID names a folder by its device and inode: the staging folder
// keeps them when it becomes the output.
func folderID(dir string) string {
	info, err := os.Stat(dir)
	if err != nil {
		return ""
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return strconv.FormatUint(uint64(st.Dev), 10) + ":" + strconv.FormatUint(st.Ino, 10)
}
