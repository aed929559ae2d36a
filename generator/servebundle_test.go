package main

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
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

// TestEditorImageIntoABundle: an image sent with the form of a page that
// is already a folder is served beside the page, and the form offers it
// among the page's images.
func TestEditorImageIntoABundle(t *testing.T) {
	base, site := editorSite(t)
	page := "content/reussites/ines-cheffe-de-projet-web/index.md"
	before := readText(t, site, page)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(base + "/_edition/page?fichier=" + url.QueryEscape(page))
	if err != nil {
		t.Fatal(err)
	}
	form, _ := io.ReadAll(res.Body)
	res.Body.Close()

	// The form as the browser sends it: its fields as they are, and the
	// image.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for name, vs := range formValues(string(form)) {
		for _, v := range vs {
			mw.WriteField(name, v)
		}
	}
	fw, _ := mw.CreateFormFile("_image", "Atelier soudure.png")
	fw.Write(pngBytes(t))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/_edition/page", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", base)
	res, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(res.Body)
	res.Body.Close()
	to := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(to, "image=atelier-soudure.png") {
		t.Fatalf("saving with an image: %d → %q\n%s", res.StatusCode, to, answer)
	}
	if got := readText(t, site, page); got != before {
		t.Fatalf("the page's text changed:\n%s", got)
	}
	waitFile(t, base+"/reussites/ines-cheffe-de-projet-web/atelier-soudure.png", http.StatusOK, pngBytes(t))

	res, err = client.Get(base + to)
	if err != nil {
		t.Fatal(err)
	}
	form, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(form), `<option value="atelier-soudure.png"`) {
		t.Errorf("the form does not offer the new image as the photo")
	}
}
