//go:build !unix

package main

// folderID cannot name a folder here (no inode): the record is then never
// trusted, and each build renders every page, as without a record.
func folderID(string) string { return "" }
