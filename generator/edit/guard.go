package edit

import (
	"bytes"
	"errors"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// allowed refuses a request that another site could have sent: a Host
// that is not the preview's (a name pointed at this machine: DNS
// rebinding), an Origin that is not the preview's (a form or a script of
// another site open in the same browser), and a POST that says neither
// where it comes from nor that it is same-origin.
func (e *Editor) allowed(r *http.Request) (string, bool) {
	refused := "accès refusé : l'éditeur ne répond qu'aux pages de l'aperçu lui-même"
	if !e.opts.Hosts[strings.ToLower(r.Host)] {
		return refused + " (adresse " + r.Host + " inconnue)", false
	}
	if o := r.Header.Get("Origin"); o != "" {
		if !e.sameOrigin(o, r.Host) {
			return refused + " (origine " + o + ")", false
		}
		return "", true
	}
	switch r.Header.Get("Sec-Fetch-Site") {
	case "cross-site", "same-site":
		return refused, false
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return "", true
	}
	// A POST without Origin: only an old browser; its Referer must name
	// the preview.
	if ref := r.Header.Get("Referer"); ref != "" && e.sameOrigin(ref, r.Host) {
		return "", true
	}
	return refused + " (origine inconnue)", false
}

// sameOrigin reports whether the origin or URL u is the preview at host.
func (e *Editor) sameOrigin(u, host string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Scheme != "http" {
		return false
	}
	h := strings.ToLower(p.Host)
	return h == strings.ToLower(host) && e.opts.Hosts[h]
}

// errBadPath is the answer to a path a form should never send.
var errBadPath = errors.New("chemin de fichier refusé : l'éditeur ne modifie que les pages du dossier content/")

// cleanPage checks a page path sent by a form: a slash path under
// content/, ending in .md, without "..", backslash, NUL or anything an
// attacker could use to leave content/. It returns the path relative to
// content/.
func cleanPage(p string) (string, error) {
	rel, ok := strings.CutPrefix(p, "content/")
	if !ok || rel == "" || !strings.HasSuffix(rel, ".md") || strings.ContainsAny(rel, "\\\x00:") ||
		strings.HasPrefix(rel, "/") || path.Clean(rel) != rel || strings.Contains("/"+rel+"/", "/../") {
		return "", errBadPath
	}
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", errBadPath
		}
	}
	return rel, nil
}

// content opens content/ as a root: no path reached through it, symlinks
// included, leads outside.
func (e *Editor) content() (*os.Root, error) {
	return os.OpenRoot(filepath.Join(e.opts.Root, "content"))
}

// readPage reads a page under content/.
func (e *Editor) readPage(rel string) ([]byte, error) {
	root, err := e.content()
	if err != nil {
		return nil, err
	}
	defer root.Close()
	info, err := root.Lstat(rel)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errBadPath
	}
	return root.ReadFile(rel)
}

// writeAtomic replaces a file under content/ with data: a temporary file
// in the same folder, then a rename, so that the watcher and a reader see
// the old file or the new one, never half of one. The mode is kept.
func writeAtomic(root *os.Root, rel string, data []byte, create bool) error {
	mode := fs.FileMode(0o644)
	if info, err := root.Lstat(rel); err == nil {
		if !info.Mode().IsRegular() {
			return errBadPath
		}
		if create {
			return fs.ErrExist
		}
		mode = info.Mode().Perm()
	} else if !create {
		return err
	}
	dir, name := path.Split(rel)
	tmp := dir + "." + name + ".tdt-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Chmod(tmp, mode)
	}
	if err == nil {
		err = root.Rename(tmp, rel)
	}
	if err != nil {
		_ = root.Remove(tmp)
	}
	return err
}

// lineEndings reads a file as the editor works on it, LF only and without
// byte-order mark, and returns how to write it back as it was.
func lineEndings(b []byte) (text []byte, restore func([]byte) []byte) {
	bom := bytes.HasPrefix(b, []byte("\ufeff"))
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	crlf := bytes.Contains(b, []byte("\r\n"))
	if crlf {
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	}
	return b, func(out []byte) []byte {
		if crlf {
			out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
		}
		if bom {
			out = append([]byte("\ufeff"), out...)
		}
		return out
	}
}

func queryEscape(s string) string { return url.QueryEscape(s) }
