// Package write puts a built site in place. A build writes into a staging
// folder beside the destination, and only a complete build is swapped in:
// after a failed or interrupted build the previous output is still whole.
// Nothing is written outside the destination, and a destination that holds
// site sources is refused.
package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// Staging is the folder a build writes into before Commit.
type Staging struct {
	dest string
	dir  string
	mu   sync.Mutex
	made map[string]bool // folders already created
}

// CheckDestination refuses a destination that would destroy site sources
// or anything that is not a previous output: the site root or a folder
// above it, a folder inside the sources, another site, or a folder with
// other files in it.
func CheckDestination(siteRoot, dest string) error {
	root, err := realPath(siteRoot)
	if err != nil {
		return fmt.Errorf("dossier du site %s introuvable : %w", siteRoot, err)
	}
	d, err := realPath(dest)
	if err != nil {
		return fmt.Errorf("dossier de destination %s inutilisable : %w", dest, err)
	}
	if d == root || within(d, root) {
		return fmt.Errorf("la destination %s contient le site lui-même : choisissez un dossier à part, par exemple public/", dest)
	}
	for _, src := range []string{"content", "static", "layouts", "themes", "archetypes", "generator", "i18n", ".git"} {
		if d == filepath.Join(root, src) || within(filepath.Join(root, src), d) {
			return fmt.Errorf("la destination %s est dans les sources du site (%s/) : choisissez un dossier à part, par exemple public/", dest, src)
		}
	}
	info, err := os.Stat(d)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("dossier de destination %s inutilisable : %w", dest, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("la destination %s est un fichier, pas un dossier : choisissez un autre chemin", dest)
	}
	entries, err := os.ReadDir(d)
	if err != nil {
		return fmt.Errorf("dossier de destination %s illisible : %w", dest, err)
	}
	if len(entries) == 0 {
		return nil
	}
	for _, marker := range []string{"site.toml", "content", "go.mod"} {
		if _, err := os.Stat(filepath.Join(d, marker)); err == nil {
			return fmt.Errorf("la destination %s contient des sources (%s) : elle serait effacée ; choisissez un dossier à part, par exemple public/", dest, marker)
		}
	}
	if _, err := os.Stat(filepath.Join(d, "index.html")); err != nil {
		return fmt.Errorf("la destination %s n'est pas vide et ne ressemble pas à un site déjà publié (pas de index.html) : son contenu serait remplacé ; choisissez un dossier vide ou nouveau", dest)
	}
	return nil
}

// realPath resolves symbolic links of the part of p that exists, so that
// two spellings of one folder compare equal.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; cur = filepath.Dir(cur) {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		}
		if cur == filepath.Dir(cur) {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
	}
}

// within reports whether p is strictly inside dir.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// NewStaging creates an empty staging folder beside dest, after removing
// the leftovers of interrupted builds.
func NewStaging(dest string) (*Staging, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("création du dossier %s impossible : %w", parent, err)
	}
	prefix := "." + filepath.Base(abs) + ".tmp-"
	if old, err := filepath.Glob(filepath.Join(parent, prefix+"*")); err == nil {
		for _, o := range old {
			_ = os.RemoveAll(o)
		}
	}
	dir, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return nil, fmt.Errorf("création du dossier de travail impossible dans %s : %w", parent, err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	return &Staging{dest: abs, dir: dir, made: map[string]bool{".": true}}, nil
}

// WriteFile writes one file of the site. The name must be a clean relative
// slash path: nothing can land outside the staging folder.
func (s *Staging) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") {
		return fmt.Errorf("chemin de sortie refusé : %q", name)
	}
	if err := s.mkdir(path.Dir(name)); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(s.dir, filepath.FromSlash(name)), data, 0o644)
}

// mkdir makes a folder of the staging tree and its parents, once. Most
// pages live in a folder of their own whose parent already exists: one
// mkdir call, where MkdirAll would first look at every level.
func (s *Staging) mkdir(dir string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.made[dir] {
		return nil
	}
	var err error
	if parent := path.Dir(dir); s.made[parent] {
		err = os.Mkdir(filepath.Join(s.dir, filepath.FromSlash(dir)), 0o755)
	} else {
		err = os.MkdirAll(filepath.Join(s.dir, filepath.FromSlash(dir)), 0o755)
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	for d := dir; d != "."; d = path.Dir(d) {
		s.made[d] = true
	}
	return nil
}

// Commit puts the staged site in place of the destination.
func (s *Staging) Commit() error {
	if _, err := os.Lstat(s.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(s.dir, s.dest); err != nil {
			return fmt.Errorf("mise en place de %s impossible : %w", s.dest, err)
		}
		return nil
	}
	if err := exchange(s.dir, s.dest); err != nil {
		return fmt.Errorf("mise en place de %s impossible : %w", s.dest, err)
	}
	// s.dir now holds the previous output.
	return os.RemoveAll(s.dir)
}

// Abort removes the staging folder; the destination is untouched.
func (s *Staging) Abort() {
	_ = os.RemoveAll(s.dir)
}
