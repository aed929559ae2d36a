package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuJar finds the W3C Nu HTML Checker, installed from npm by .ci/run
// (TDT_VNU) or by a developer (npm install --prefix ~/.cache/tdt-tools
// vnu-jar), and Java to run it.
func vnuJar(t *testing.T) (java, jar string) {
	t.Helper()
	home, _ := os.UserHomeDir()
	for _, p := range []string{
		os.Getenv("TDT_VNU"),
		filepath.Join(home, ".cache", "tdt-tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar"),
	} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			jar = p
			break
		}
	}
	java, _ = exec.LookPath("java")
	if jar != "" && java != "" {
		return java, jar
	}
	if os.Getenv("TDT_BROWSER_TESTS") == "1" {
		t.Fatal("the Nu HTML Checker is required (TDT_BROWSER_TESTS=1): apt-get install -y default-jre-headless; npm install --prefix ~/.cache/tdt-tools vnu-jar, or set TDT_VNU")
	}
	t.Skip("HTML validation skipped: java or vnu.jar not found (npm install --prefix ~/.cache/tdt-tools vnu-jar)")
	return "", ""
}

// TestValidatorNu checks every HTML page of the example site with the W3C
// Nu HTML Checker: no error and no warning.
func TestValidatorNu(t *testing.T) {
	java, jar := vnuJar(t)
	site := copySite(t)
	if code, _, stderr := runGen(t, site, "build"); code != 0 {
		t.Fatal(stderr)
	}
	public := filepath.Join(site, "public")
	cmd := exec.Command(java, "-Xss4m", "-jar", jar, "--format", "json", "--skip-non-html", public)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	_ = cmd.Run() // exits 1 when it finds something; the report says what
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("reading the checker's report: %v\n%s", err, stderr.String())
	}
	for _, m := range report.Messages {
		name := strings.TrimPrefix(m.URL, "file:"+filepath.ToSlash(public))
		t.Errorf("%s:%d: %s %s: %s", name, m.LastLine, m.Type, m.SubType, m.Message)
	}
	if t.Failed() {
		return
	}
	html, _ := filepath.Glob(filepath.Join(public, "*", "*", "index.html"))
	if len(html) < 20 {
		t.Errorf("only %d pages found: is the checker reading the site?", len(html))
	}
}
