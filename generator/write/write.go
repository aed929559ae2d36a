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
	"sync/atomic"
	"syscall"
)

// Staging is the folder a build writes into before Commit.
type Staging struct {
	dest string
	dir  string
	// Hook, when not nil, is called at named points of Commit ("swapped":
	// the new site is in place, the previous one not yet removed), for
	// tests that interrupt a build there.
	Hook func(point string)

	mu        sync.Mutex
	made      map[string]bool // folders already created
	aborted   bool
	committed bool
	full      atomic.Bool // a write found the disk full
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
// the leftovers of interrupted builds. When dest is a symbolic link (a
// deploy layout such as public -> releases/2026-11-27), the site is
// published into the folder the link leads to, and the link is kept.
func NewStaging(dest string) (*Staging, error) {
	abs, err := resolveLink(dest)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("création du dossier %s impossible : %s", parent, Explain(err))
	}
	clearLeftovers(abs)
	dir, err := os.MkdirTemp(parent, stagingPrefix(abs))
	if err == nil {
		err = os.Chmod(dir, 0o755)
	}
	if err != nil {
		if isDiskFull(err) {
			return nil, ErrDiskFull
		}
		return nil, fmt.Errorf("création du dossier de travail impossible dans %s : %s", parent, Explain(err))
	}
	return &Staging{dest: abs, dir: dir, made: map[string]bool{".": true}}, nil
}

// stagingPrefix is how the staging folders of dest are named.
func stagingPrefix(dest string) string { return "." + filepath.Base(dest) + ".tmp-" }

// TrashDir is the one folder where the remains of previous outputs that
// could not be removed are kept, beside dest, so that they never pile up.
func TrashDir(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".old")
}

// clearLeftovers removes the staging folders of earlier interrupted builds
// and the remains kept in the trash folder. What cannot be removed is moved
// into the trash folder.
func clearLeftovers(dest string) {
	_ = removeAll(TrashDir(dest))
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), stagingPrefix(dest)+"*"))
	for _, o := range old {
		if removeAll(o) != nil {
			keep(dest, o)
		}
	}
}

// keep moves a folder that could not be removed into the trash folder and
// returns where it is now.
func keep(dest, dir string) string {
	trash := TrashDir(dest)
	if err := os.MkdirAll(trash, 0o755); err != nil {
		return dir
	}
	to := filepath.Join(trash, filepath.Base(dir))
	if err := os.Rename(dir, to); err != nil {
		return dir
	}
	return trash
}

// resolveLink follows dest while it is a symbolic link, even one whose
// target does not exist yet, and returns the absolute path of the folder
// it leads to.
func resolveLink(dest string) (string, error) {
	p, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	for range 40 {
		info, err := os.Lstat(p)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", fmt.Errorf("lien %s illisible : %s", dest, Explain(err))
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		p = filepath.Clean(target)
	}
	return "", fmt.Errorf("la destination %s est un lien qui mène à lui-même (boucle de liens) : corrigez le lien ou choisissez un autre dossier", dest)
}

// WriteFile writes one file of the site. The name must be a clean relative
// slash path: nothing can land outside the staging folder. Once the disk
// is full, every write fails with ErrDiskFull without trying.
func (s *Staging) WriteFile(name string, data []byte) error {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") {
		return fmt.Errorf("chemin de sortie refusé : %q", name)
	}
	if s.full.Load() {
		return ErrDiskFull
	}
	err := s.mkdir(path.Dir(name))
	if err == nil {
		err = writeFile(filepath.Join(s.dir, filepath.FromSlash(name)), data)
	}
	if isDiskFull(err) {
		s.full.Store(true)
		return ErrDiskFull
	}
	return err
}

// DiskFull reports whether a write failed because the disk is full.
func (s *Staging) DiskFull() bool { return s.full.Load() }

// mkdir makes a folder of the staging tree and its parents, once. Most
// pages live in a folder of their own whose parent already exists: one
// mkdir call, where MkdirAll would first look at every level. Once the
// staging folder is aborted, it makes nothing, so that a late writer cannot
// bring the removed folder back.
func (s *Staging) mkdir(dir string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.aborted {
		return errAborted
	}
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

// Commit puts the staged site in place of the destination in one step:
// until then the destination is the whole previous site, after it the
// whole new one. An error of type *CleanupError means that the new site is
// in place but that the previous one could not be removed entirely; any
// other error, that the destination is unchanged.
func (s *Staging) Commit() error {
	if s.full.Load() {
		return ErrDiskFull
	}
	if _, err := os.Lstat(s.dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(s.dir, s.dest); err != nil {
			return fmt.Errorf("mise en place de %s impossible : %s", s.dest, Explain(err))
		}
		s.setCommitted()
		s.hook("swapped")
		return nil
	}
	if err := exchange(s.dir, s.dest); err != nil {
		return fmt.Errorf("mise en place de %s impossible : %s", s.dest, Explain(err))
	}
	// s.dir now holds the previous output.
	s.setCommitted()
	s.hook("swapped")
	if err := removeAll(s.dir); err != nil {
		return &CleanupError{Dest: s.dest, Kept: keep(s.dest, s.dir), Err: err}
	}
	return nil
}

func (s *Staging) setCommitted() {
	s.mu.Lock()
	s.committed = true
	s.mu.Unlock()
}

func (s *Staging) hook(point string) {
	if s.Hook != nil {
		s.Hook(point)
	}
}

// Abort removes the staging folder; the destination is untouched. After a
// Commit it does nothing: the staging folder is then the published site's
// predecessor, or gone.
func (s *Staging) Abort() {
	s.mu.Lock()
	s.aborted = true
	committed := s.committed
	s.mu.Unlock()
	if !committed {
		_ = removeAll(s.dir)
	}
}

// Committed reports whether the new site is in place.
func (s *Staging) Committed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.committed
}

// CleanupError says that the new site is published but that what remains
// of the previous one could not be removed.
type CleanupError struct {
	Dest string // the published folder
	Kept string // where the remains of the previous output are
	Err  error
}

func (e *CleanupError) Error() string {
	return fmt.Sprintf("l'ancien site n'a pas pu être effacé entièrement (%s) ; le nouveau site est bien publié dans %s. "+
		"Ce qui reste de l'ancien est dans %s : effacez ce dossier à la main avec les droits de son propriétaire, par exemple « sudo rm -rf %s » ; "+
		"la prochaine construction essaiera aussi de l'effacer",
		cause(e.Err), e.Dest, e.Kept, e.Kept)
}

func (e *CleanupError) Unwrap() error { return e.Err }

// ErrDiskFull is the error of every write once the disk is full.
var ErrDiskFull = errors.New("disque plein")

var errAborted = errors.New("construction interrompue")

func isDiskFull(err error) bool {
	return err != nil && (errors.Is(err, ErrDiskFull) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT))
}

// Explain says in French what went wrong with a file system call, naming
// the file, for the messages that end a build.
func Explain(err error) string {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Path + " : " + cause(err)
	case errors.As(err, &le):
		return le.New + " : " + cause(err)
	}
	return cause(err)
}

// cause says in French why a file system call failed.
func cause(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission refusée"
	case isDiskFull(err):
		return "disque plein"
	case errors.Is(err, syscall.EROFS):
		return "disque en lecture seule"
	case errors.Is(err, syscall.EBUSY):
		return "utilisé par un autre programme"
	case errors.Is(err, fs.ErrNotExist):
		return "introuvable"
	}
	return err.Error()
}

// Fault, when not nil, is called before each write and each removal of
// the package (op is "write" or "remove"), and an error it returns stands
// for the call's: tests use it to simulate a full disk or a folder that
// cannot be removed. It is nil in normal runs.
var Fault func(op, name string) error

func writeFile(name string, data []byte) error {
	if Fault != nil {
		if err := Fault("write", name); err != nil {
			return err
		}
	}
	return os.WriteFile(name, data, 0o644)
}

func removeAll(dir string) error {
	if Fault != nil {
		if err := Fault("remove", dir); err != nil {
			return err
		}
	}
	return os.RemoveAll(dir)
}
