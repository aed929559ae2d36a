// Package write puts a built site in place. A build writes into a staging
// folder beside the destination, and only a complete build is swapped in:
// after a failed or interrupted build the previous output is still whole.
// Nothing is written outside the destination, and a destination that holds
// site sources is refused.
//
// A rebuild writes only the files whose bytes changed. A file equal to the
// published one of the same name enters the staging folder as a hard link
// to it: no data is written, and removing the previous tree after the swap
// frees almost nothing (on a disk that discards freed blocks, freeing is
// what costs). Since a file of the staging tree may thus be shared with the
// published site, nothing is ever written into an existing file: a new file
// is always created (O_EXCL), after unlinking any file of the same name.
//
// Folders cost most on such a disk: removing the 10,000 folders of a
// 10,000-page site took 3 to 10 s here. So the previous tree is not removed
// after the swap but kept beside the destination (SpareDir), and the next
// build recycles it as its staging folder: its folders are reused, its
// files that are still links to the published ones stay, the others are
// replaced (unlinked, then created), and whatever the new site does not
// have is removed before the swap (Tidy). If something in it cannot be
// replaced, the build starts again in a new folder (Restart).
package write

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Staging is the folder a build writes into before Commit.
type Staging struct {
	dest string
	dir  string
	prev string // the published folder, whose unchanged files are linked; "" for none

	// recycled: dir is the tree of an earlier build, reused; names holds
	// the files written so far, spoiled says that one could not be
	// replaced. cleanup is what Commit reports once the build is published.
	recycled bool
	names    map[string]bool
	spoiled  atomic.Bool
	spoilErr error // the first reason, under mu
	cleanup  *CleanupError
	// Hook, when not nil, is called at named points of Commit ("swapped":
	// the new site is in place, the previous one not yet removed), for
	// tests that interrupt a build there.
	Hook func(point string)

	mu        sync.Mutex
	made      map[string]bool // folders already created
	aborted   bool
	committed bool
	full      atomic.Bool // a write found the disk full

	linked, written atomic.Int64

	// mode is the permissions of a file written here (0644 less the
	// umask): a published file with others (changed by hand) is not
	// carried over, it is written again.
	mode fs.FileMode
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
	st := &Staging{dest: abs}
	if info, err := os.Stat(abs); err == nil && info.IsDir() {
		st.prev = abs
	}
	if err := st.newDir(); err != nil {
		return nil, err
	}
	spare := SpareDir(abs)
	if info, err := os.Lstat(spare); err == nil {
		// The spare tree takes the name of the new staging folder.
		if st.prev != "" && info.IsDir() && os.Remove(st.dir) == nil && os.Rename(spare, st.dir) == nil {
			st.recycled = true
		} else {
			if removeAll(spare) != nil {
				keep(abs, spare)
			}
			if _, err := os.Lstat(st.dir); err != nil {
				if err := st.newDir(); err != nil {
					return nil, err
				}
			}
		}
	}
	st.mode = fileMode(st.dir)
	return st, nil
}

// fileMode returns the permissions writeFile gives a file in dir, by
// writing one: 0644 less the process's umask.
func fileMode(dir string) fs.FileMode {
	name := filepath.Join(dir, fmt.Sprintf(".mode-%d", os.Getpid()))
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0o644
	}
	info, err := f.Stat()
	f.Close()
	os.Remove(name)
	if err != nil {
		return 0o644
	}
	return info.Mode().Perm()
}

// newDir makes a new, empty staging folder.
func (s *Staging) newDir() error {
	parent := filepath.Dir(s.dest)
	dir, err := os.MkdirTemp(parent, stagingPrefix(s.dest))
	if err == nil {
		err = os.Chmod(dir, 0o755)
	}
	if err != nil {
		if isDiskFull(err) {
			return ErrDiskFull
		}
		return fmt.Errorf("création du dossier de travail impossible dans %s : %s", parent, Explain(err))
	}
	s.dir = dir
	s.made = map[string]bool{".": true}
	s.names = map[string]bool{}
	s.recycled = false
	s.spoiled.Store(false)
	s.spoilErr = nil
	s.linked.Store(0)
	s.written.Store(0)
	return nil
}

// SpareDir is where the tree of the previous output is kept after a swap,
// beside dest, for the next build to recycle.
func SpareDir(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".spare")
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
// into the trash folder. When there is no spare tree, a staging folder left
// by a killed build becomes it: it is recycled like any other.
func clearLeftovers(dest string) {
	_ = removeAll(TrashDir(dest))
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), stagingPrefix(dest)+"*"))
	for _, o := range old {
		if _, err := os.Lstat(SpareDir(dest)); errors.Is(err, fs.ErrNotExist) && os.Rename(o, SpareDir(dest)) == nil {
			continue
		}
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
		file := filepath.FromSlash(name)
		linked := false
		if s.prev != "" {
			linked, err = linkIfSame(filepath.Join(s.prev, file), filepath.Join(s.dir, file), data, s.mode)
		}
		switch {
		case linked:
			s.linked.Add(1)
		case err == nil:
			if err = writeFile(filepath.Join(s.dir, file), data); err == nil {
				s.written.Add(1)
			}
		}
	}
	if s.recycled {
		s.mu.Lock()
		if err != nil && !isDiskFull(err) {
			s.spoil(err)
		}
		s.names[name] = true
		s.mu.Unlock()
	}
	if isDiskFull(err) {
		s.full.Store(true)
		return ErrDiskFull
	}
	return err
}

// Keep puts the published file name in the staging folder without
// rendering it: the build knows it would write the same bytes (it rendered
// the same page from the same values last time, which ended at finished,
// and wrote size bytes of checksum sum). It reports false when the
// published file is not those bytes (changed by hand, even to the same
// size and date) or not with the permissions of a written file, and then
// writes nothing: the caller renders and writes the file.
func (s *Staging) Keep(name string, size int64, sum uint32, finished time.Time) bool {
	if s.prev == "" || !fs.ValidPath(name) || name == "." || strings.Contains(name, "\\") || s.full.Load() {
		return false
	}
	file := filepath.FromSlash(name)
	prev, dst := filepath.Join(s.prev, file), filepath.Join(s.dir, file)
	info, err := os.Lstat(prev)
	if err != nil || !info.Mode().IsRegular() || info.Size() != size || info.Mode().Perm() != s.mode ||
		info.ModTime().After(finished) || !hasSum(prev, size, sum) || s.mkdir(path.Dir(name)) != nil {
		return false
	}
	if Fault != nil && Fault("write", dst) != nil {
		return false
	}
	if linked, _ := linkPublished(prev, dst, info); !linked {
		return false
	}
	s.linked.Add(1)
	if s.recycled {
		s.mu.Lock()
		s.names[name] = true
		s.mu.Unlock()
	}
	return true
}

// Dest is the output folder, its symbolic links resolved: what its
// companions (the spare tree, a build's record) are named after.
func (s *Staging) Dest() string { return s.dest }

// Counts returns how many files were linked from the published site
// (unchanged) and how many were written (new or changed) so far.
func (s *Staging) Counts() (linked, written int) {
	return int(s.linked.Load()), int(s.written.Load())
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
	if s.recycled {
		return s.reuseDir(dir)
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

// reuseDir makes sure that dir and its parents are real folders of the
// recycled tree: a file or a symbolic link in the way is removed first (a
// link must never lead a write outside the tree). s.mu is held.
func (s *Staging) reuseDir(dir string) error {
	if dir == "." || s.made[dir] {
		return nil
	}
	if err := s.reuseDir(path.Dir(dir)); err != nil {
		return err
	}
	full := filepath.Join(s.dir, filepath.FromSlash(dir))
	info, err := os.Lstat(full)
	if err == nil && !info.IsDir() {
		if err := remove(full); err != nil {
			s.spoil(err)
			return err
		}
		err = fs.ErrNotExist
	}
	if err != nil {
		if err := os.Mkdir(full, 0o755); err != nil {
			return err
		}
	}
	s.made[dir] = true
	return nil
}

// spoil records that the recycled tree cannot be made the new site, and
// why. s.mu is held.
func (s *Staging) spoil(err error) {
	if !s.spoiled.Swap(true) {
		s.spoilErr = err
	}
}

// Tidy removes from a recycled staging tree what the new site does not
// have, and reports whether the tree is now exactly the new site. False
// means that something in it could not be replaced or removed: call
// Restart and build again.
func (s *Staging) Tidy() bool {
	if !s.recycled {
		return true
	}
	if s.spoiled.Load() {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ok := true
	fail := func(err error) {
		if ok {
			s.spoil(err)
		}
		ok = false
	}
	_ = filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fail(err)
			return err
		}
		rel, _ := filepath.Rel(s.dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir() && s.made[rel]:
			return nil
		case d.IsDir():
			if err := removeAll(p); err != nil {
				fail(err)
			}
			return fs.SkipDir
		case !s.names[rel] || !d.Type().IsRegular():
			if err := remove(p); err != nil {
				fail(err)
			}
		}
		return nil
	})
	return ok
}

// Restart sets the recycled tree aside (into the trash folder, removed by
// the next build) and starts again with a new, empty staging folder; Commit
// will then say that the old tree could not be cleared.
func (s *Staging) Restart() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.aborted {
		return errAborted
	}
	s.cleanup = &CleanupError{Dest: s.dest, Kept: keep(s.dest, s.dir), Err: s.spoilErr}
	if s.cleanup.Kept == s.dir && removeAll(s.dir) == nil {
		s.cleanup = nil
	}
	return s.newDir()
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
		if s.cleanup != nil {
			return s.cleanup
		}
		return nil
	}
	if err := exchange(s.dir, s.dest); err != nil {
		return fmt.Errorf("mise en place de %s impossible : %s", s.dest, Explain(err))
	}
	// s.dir now holds the previous output: kept for the next build to
	// recycle, or removed.
	s.setCommitted()
	s.hook("swapped")
	if err := os.Rename(s.dir, SpareDir(s.dest)); err != nil {
		if err := removeAll(s.dir); err != nil {
			return &CleanupError{Dest: s.dest, Kept: keep(s.dest, s.dir), Err: err}
		}
	}
	if s.cleanup != nil {
		return s.cleanup
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
	if committed {
		return
	}
	// What was written is still worth recycling (a partly written file
	// never is: only links to the published files are kept), unless the
	// disk is full: then it is removed, to give the space back.
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := os.Lstat(SpareDir(s.dest)); !errors.Is(err, fs.ErrNotExist) || s.prev == "" || s.full.Load() ||
		os.Rename(s.dir, SpareDir(s.dest)) != nil {
		// A writer already past its folder check may still add its file
		// while the tree is removed (TestAbortStopsLateWriters saw one in
		// a few hundred rounds); no new one starts once aborted, so the
		// tree is removed again until it is gone.
		for range 20 {
			if removeAll(s.dir) == nil {
				if _, err := os.Lstat(s.dir); errors.Is(err, fs.ErrNotExist) {
					break
				}
			}
			time.Sleep(time.Millisecond)
		}
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

// writeFile creates name with data. It never opens an existing file for
// writing: that file may be a hard link to a file of the published site,
// which must not change. A file of the same name (a file written twice in
// one build) is unlinked first.
func writeFile(name string, data []byte) error {
	if Fault != nil {
		if err := Fault("write", name); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		if err := remove(name); err != nil {
			return err
		}
		f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	if err != nil {
		_ = os.Remove(name) // no half-written file
	}
	return err
}

// Sum is the checksum Keep compares a published file with: CRC-32C,
// which processors compute at several gigabytes a second.
func Sum(data []byte) uint32 { return crc32.Checksum(data, castagnoli) }

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// hasSum reports whether the file name holds size bytes of checksum sum.
func hasSum(name string, size int64, sum uint32) bool {
	if size > maxCompared {
		return false
	}
	f, err := openNoFollow(name)
	if err != nil {
		return false
	}
	defer f.Close()
	ok := false
	readExactly(f, int(size), func(data []byte) { ok = Sum(data) == sum })
	return ok
}

// readExactly calls use with the bytes of f when it holds exactly size
// bytes (one more must not come: the file did not grow), read into a
// pooled buffer that use must not keep.
func readExactly(f *os.File, size int, use func([]byte)) {
	bp := bufs.Get().(*[]byte)
	defer bufs.Put(bp)
	if cap(*bp) < size+1 {
		*bp = make([]byte, size+1)
	}
	buf := (*bp)[:size+1]
	n, err := io.ReadFull(f, buf)
	if n == size && (err == io.ErrUnexpectedEOF || err == io.EOF && n == 0) {
		use(buf[:n])
	}
}

// maxCompared is the size above which a file is written rather than
// compared, so that the pool of buffers stays small.
const maxCompared = 8 << 20

// bufs holds the buffers that previous files are read into.
var bufs = sync.Pool{New: func() any { return new([]byte) }}

// linkIfSame links the published file prev as name when it holds exactly
// data, and reports whether it did. Anything unusual (no such file, a
// symbolic link or other non-regular file, a read error, a file system
// without hard links) answers false, and the caller writes the file. The
// error is that of the fault hook, for tests.
func linkIfSame(prev, name string, data []byte, mode fs.FileMode) (bool, error) {
	if len(data) > maxCompared {
		return false, nil
	}
	f, err := openNoFollow(prev)
	if err != nil {
		return false, nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) || info.Mode().Perm() != mode {
		return false, nil
	}
	same := false
	readExactly(f, len(data), func(b []byte) { same = bytes.Equal(b, data) })
	if !same {
		return false, nil
	}
	if Fault != nil {
		if err := Fault("write", name); err != nil {
			return false, err
		}
	}
	return linkPublished(prev, name, info)
}

// linkPublished links the published file prev, described by info, as
// name. In a recycled tree name may already be this very file; anything
// else there is removed first. It reports whether name is now prev, and
// the error of a removal that failed.
func linkPublished(prev, name string, info fs.FileInfo) (bool, error) {
	err := os.Link(prev, name)
	if errors.Is(err, fs.ErrExist) {
		if cur, lerr := os.Lstat(name); lerr == nil && os.SameFile(info, cur) {
			return true, nil
		}
		if err := remove(name); err != nil {
			return false, err
		}
		err = os.Link(prev, name)
	}
	return err == nil, nil
}

// remove removes one entry of a recycled staging tree: a file, a link, or
// a folder (a file of the new site may stand where the old one had a
// folder).
func remove(name string) error {
	if Fault != nil {
		if err := Fault("remove", name); err != nil {
			return err
		}
	}
	err := os.Remove(name)
	if err != nil {
		if info, lerr := os.Lstat(name); lerr == nil && info.IsDir() {
			return os.RemoveAll(name)
		}
	}
	return err
}

func removeAll(dir string) error {
	if Fault != nil {
		if err := Fault("remove", dir); err != nil {
			return err
		}
	}
	return os.RemoveAll(dir)
}
