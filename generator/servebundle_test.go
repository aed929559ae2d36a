package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// waitFile polls a URL of the preview until it answers status, and, for
// 200, the bytes want.
func waitFile(t *testing.T, u string, status int, want []byte) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := -1, []byte(nil)
		if resp, err := http.Get(u); err == nil {
			body, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
			code = resp.StatusCode
		}
		if code == status && (status != http.StatusOK || bytes.Equal(body, want)) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s answers %d, want %d", u, code, status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServeFileAddedToABundle: while serve runs, a file copied into the
// folder of a page, whose index.md does not change, is served beside the
// page; renamed, it is served under its new name only; deleted, no more.
func TestServeFileAddedToABundle(t *testing.T) {
	base, site := editorSite(t)
	dir := filepath.Join(site, "content/reussites/sabrina-soudeuse")
	pdf := []byte("%PDF-1.4\n% une attestation\n")
	if err := os.WriteFile(filepath.Join(dir, "attestation.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFile(t, base+"/reussites/sabrina-soudeuse/attestation.pdf", http.StatusOK, pdf)

	if err := os.Rename(filepath.Join(dir, "attestation.pdf"), filepath.Join(dir, "attestation-2026.pdf")); err != nil {
		t.Fatal(err)
	}
	waitFile(t, base+"/reussites/sabrina-soudeuse/attestation-2026.pdf", http.StatusOK, pdf)
	waitFile(t, base+"/reussites/sabrina-soudeuse/attestation.pdf", http.StatusNotFound, nil)

	if err := os.Remove(filepath.Join(dir, "attestation-2026.pdf")); err != nil {
		t.Fatal(err)
	}
	waitFile(t, base+"/reussites/sabrina-soudeuse/attestation-2026.pdf", http.StatusNotFound, nil)
}
