//go:build tdttest

package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"terredetalents/generator/write"
)

// The end-to-end tests build the generator with the tag tdttest, which
// reads TDT_TEST_HOOK, a comma-separated list of:
//
//	interrupt@POINT  send SIGINT to itself at POINT, then pause a moment
//	                 so that the handler runs while the build goes on
//	                 (POINT: before-commit, swapped, committed)
//	fail-remove      removing a previous output fails: permission denied
//	disk-full        every write after the tenth finds the disk full
var hooks = strings.Split(os.Getenv("TDT_TEST_HOOK"), ",")

func hookOn(name string) bool {
	for _, h := range hooks {
		if h == name {
			return true
		}
	}
	return false
}

func init() {
	var writes atomic.Int64
	write.Fault = func(op, name string) error {
		switch {
		case op == "remove" && hookOn("fail-remove"):
			return &fs.PathError{Op: "unlinkat", Path: filepath.Join(name, "css"), Err: syscall.EACCES}
		case op == "write" && hookOn("disk-full") && writes.Add(1) > 10:
			return &fs.PathError{Op: "open", Path: name, Err: syscall.ENOSPC}
		}
		return nil
	}
}

func testHooks(stage *write.Staging) { stage.Hook = testHook }

func testHook(point string) {
	if hookOn("interrupt@" + point) {
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		time.Sleep(200 * time.Millisecond)
	}
}
