//go:build !tdttest

package main

import "terredetalents/generator/write"

// Test hooks exist only in the binary the end-to-end tests build (build
// tag tdttest, see testhook_on.go).
func testHooks(*write.Staging) {}

func testHook(string) {}
