package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// WatchOptions says what to watch and how long to wait for a burst of
// events (an editor's save, a git checkout) to end.
type WatchOptions struct {
	Root     string                 // the site folder
	Dirs     []string               // folders under Root watched with everything below them
	Files    []string               // single files under Root, such as site.toml
	Ignore   func(name string) bool // editor leftovers: swap files, backups
	Debounce time.Duration
}

// Watch calls onChange with the slash paths, relative to Root, that changed
// in each burst of events, until stop is closed. Folders created later are
// watched too.
func Watch(opts WatchOptions, onChange func(paths []string), stop <-chan struct{}) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	// The root is watched for the single files and for watched folders that
	// appear after start.
	if err := w.Add(opts.Root); err != nil {
		w.Close()
		return err
	}
	for _, d := range opts.Dirs {
		addTree(w, filepath.Join(opts.Root, d), opts.Ignore)
	}
	go func() {
		defer w.Close()
		pending := map[string]bool{}
		var timer <-chan time.Time
		for {
			select {
			case <-stop:
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				rel, ok := relevant(opts, ev.Name)
				if !ok {
					continue
				}
				if ev.Has(fsnotify.Create) {
					if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
						addTree(w, ev.Name, opts.Ignore)
					}
				}
				pending[rel] = true
				timer = time.After(opts.Debounce)
			case <-w.Errors:
				// A lost event is made up for by the next one: every rebuild
				// rereads what it needs.
			case <-timer:
				paths := make([]string, 0, len(pending))
				for p := range pending {
					paths = append(paths, p)
				}
				sort.Strings(paths)
				pending = map[string]bool{}
				timer = nil
				onChange(paths)
			}
		}
	}()
	return nil
}

// relevant returns the path of name relative to the root when a change to
// it matters.
func relevant(opts WatchOptions, name string) (string, bool) {
	rel, err := filepath.Rel(opts.Root, name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	for _, part := range strings.Split(rel, "/") {
		if opts.Ignore != nil && opts.Ignore(part) {
			return "", false
		}
	}
	for _, f := range opts.Files {
		if rel == f {
			return rel, true
		}
	}
	for _, d := range opts.Dirs {
		if rel == d || strings.HasPrefix(rel, d+"/") {
			return rel, true
		}
	}
	return "", false
}

// addTree watches dir and every folder below it.
func addTree(w *fsnotify.Watcher, dir string, ignore func(string) bool) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && ignore != nil && ignore(d.Name()) {
			return filepath.SkipDir
		}
		_ = w.Add(p)
		return nil
	})
}
