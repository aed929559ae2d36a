package main

import (
	"bytes"
	"encoding/gob"
	"hash/crc32"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/render"
	"terredetalents/generator/write"
)

// A rebuild renders again only the pages that read something that
// changed. Each build leaves beside its output a record: what decides
// every page at once (the generator, the options, the day, site.toml, the
// layouts, the texts, the data files, the static files' names), and, for
// each page, the keys of what it read while it was rendered (render/
// deps.go) with their values then (render/keyhash.go). The next build
// computes the values of these keys on the new site: a page whose plan
// and keys kept their values, and whose file is still the one published,
// enters the new output as a hard link to the published file, without
// being rendered. The record describes one output folder: after any other
// build into the destination, it no longer matches and is not used.

// recordVersion changes when what the record holds changes meaning.
const recordVersion = 3

type buildRecord struct {
	Version int
	Inputs  uint64 // what renders every page again when it changes
	Dir     string // the output folder it describes (device and inode)
	Keys    []string
	Values  []uint64
	Pages   map[string]recordedPage // by output file
	Copies  map[string]uint32       // checksums of the resized images, by output file (write.Sum)

	// finished is when the record was written, just after the build
	// that made the output was published (the record file's time): a
	// published file modified later was changed by hand, not by a build.
	finished time.Time
}

type recordedPage struct {
	Sig  uint64 // the value of the page's plan (render.Signatures)
	Size int64  // of the published file
	Sum  uint32 // of the published file's bytes (write.Sum)
	Keys []uint32
}

// recordFile is where the record of the output dest is kept.
func recordFile(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".record")
}

// readRecord returns the record of the output dest when it describes that
// folder; nil otherwise. Its pages are of use only if it was made with
// the inputs of this build (samePages); its image checksums always.
func readRecord(dest string) *buildRecord {
	finished := recordTime(dest)
	data, err := os.ReadFile(recordFile(dest))
	if err != nil || finished.IsZero() {
		return nil
	}
	var r buildRecord
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&r) != nil || r.Version != recordVersion ||
		r.Dir == "" || r.Dir != folderID(dest) || len(r.Keys) != len(r.Values) {
		return nil
	}
	r.finished = finished
	return &r
}

// samePages reports whether the pages of r were made from these inputs.
func (r *buildRecord) samePages(inputs uint64) bool { return r != nil && r.Inputs == inputs }

// recordTime is when the record of the output dest was written, or zero
// when it has none: the files of the output that were not modified since
// are as the build left them.
func recordTime(dest string) time.Time {
	info, err := os.Stat(recordFile(dest))
	if err != nil {
		return time.Time{}
	}
	return info.ModTime()
}

// writeRecord saves r for the output dest, whole or not at all.
func writeRecord(dest string, r *buildRecord) error {
	r.Dir = folderID(dest)
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(r); err != nil {
		return err
	}
	name := recordFile(dest)
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, name)
}

// removeRecord forgets the record of dest, before the output changes.
func removeRecord(dest string) { os.Remove(recordFile(dest)) }

// buildInputs is the value of what decides every page at once.
func buildInputs(src fs.FS, layers render.Layers, cfg content.Config, opts pipelineOptions) uint64 {
	h := fnv.New64a()
	w := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	w(strconv.Itoa(recordVersion))
	// The generator by its bytes, not its path or date: `go run` builds
	// the same bytes into a new temporary folder each time.
	if exe, err := os.Executable(); err == nil {
		if data, err := os.ReadFile(exe); err == nil {
			w(strconv.FormatUint(uint64(crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli))), 16) + ":" + strconv.Itoa(len(data)))
		}
	}
	w(strconv.FormatBool(opts.Drafts))
	w(cfg.BaseURL)
	w(content.Today(opts.Now).Format("2006-01-02")) // the site's day: sessions, offers, dates
	if data, err := fs.ReadFile(src, "site.toml"); err == nil {
		h.Write(data)
	}
	for _, dir := range []string{"layouts", "i18n", "data"} {
		for _, name := range layers.Files(dir) {
			w(name)
			if data, err := layers.ReadFile(name); err == nil {
				h.Write(data)
			}
		}
	}
	for _, name := range layers.Files("static") {
		w(name)
	}
	return h.Sum64()
}

// keeper is an output that can take a file from the published site
// without its bytes: the staging folder of a build.
type keeper interface {
	Keep(name string, size int64, sum uint32, finished time.Time) bool
}

var _ keeper = (*write.Staging)(nil)

// renderWithRecord renders the pages of site into out, recording what each
// reads, and skips those the previous record shows unchanged (out keeps
// them from the published output). It leaves the new record in rec.Next.
func renderWithRecord(site *content.Site, imgs map[string]content.Image, opts render.Options, inputs uint64, rec *recordRun, out render.Output, diags *diag.List) {
	opts.Record = true
	r, err := render.New(site, opts)
	if err != nil {
		render.Report(diags, err)
		return
	}
	jobs := r.Jobs()
	byFile := render.Signatures(jobs)
	sigs := make([]uint64, len(jobs))
	for i, j := range jobs {
		sigs[i] = byFile[j.File]
	}
	prev := rec.Prev
	if !prev.samePages(inputs) {
		prev = nil
	}
	// The values of the pages do not depend on what the pages read: a
	// first build computes them while its pages are rendered, not after; a
	// rebuild needs them before, and once for both uses.
	var values *render.Values
	valued := make(chan struct{})
	go func() {
		values = render.NewValues(site, imgs)
		close(valued)
	}()
	var prevValues []uint64
	kept := map[string]recordedPage{}
	todo := jobs
	if k, ok := out.(keeper); ok && prev != nil {
		<-valued
		prevValues = values.Of(prev.Keys)
		todo = nil
		for i, j := range jobs {
			p, found := prev.Pages[j.File]
			same := found && p.Sig == sigs[i] && !slices.ContainsFunc(p.Keys, func(k uint32) bool {
				return int(k) >= len(prevValues) || prevValues[k] != prev.Values[k]
			})
			if same && k.Keep(j.File, p.Size, p.Sum, prev.finished) {
				kept[j.File] = p
			} else {
				todo = append(todo, j)
			}
		}
	}
	sized := &sizedOutput{Output: out, sizes: map[string]sizeSum{}}
	r.Render(todo, sized, diags)
	r.Extras(out, diags)
	rec.Kept, rec.Rendered = len(kept), len(todo)

	// The new record: the keys of every page, with their values now.
	next := &buildRecord{Version: recordVersion, Inputs: inputs, Pages: make(map[string]recordedPage, len(jobs))}
	// 3.5 keys per page at 10,000 pages: the index is made at its size
	// rather than rehashed as it grows.
	index := make(map[string]uint32, 4*len(jobs))
	var fresh []string // keys whose value is not known yet
	var known []uint64
	id := func(key string, value uint64, hasValue bool) uint32 {
		if i, ok := index[key]; ok {
			return i
		}
		i := uint32(len(next.Keys))
		index[key] = i
		next.Keys = append(next.Keys, key)
		known = append(known, value)
		if !hasValue {
			fresh = append(fresh, key)
		}
		return i
	}
	deps := r.Deps()
	for i, j := range jobs {
		page := recordedPage{Sig: sigs[i]}
		if p, ok := kept[j.File]; ok {
			page.Size, page.Sum = p.Size, p.Sum
			for _, k := range p.Keys {
				page.Keys = append(page.Keys, id(prev.Keys[k], prevValues[k], true))
			}
		} else {
			size, sum, ok := sized.size(j.File)
			if !ok {
				continue // not written: reported
			}
			page.Size, page.Sum = size, sum
			for _, key := range deps[j.File] {
				page.Keys = append(page.Keys, id(key, 0, false))
			}
		}
		next.Pages[j.File] = page
	}
	<-valued
	for i, v := range values.Of(fresh) {
		known[index[fresh[i]]] = v
	}
	next.Values = known
	rec.Next = next
}

// sizedOutput notes the size and checksum of each file written.
type sizedOutput struct {
	render.Output
	mu    sync.Mutex
	sizes map[string]sizeSum
}

type sizeSum struct {
	size int64
	sum  uint32
}

func (o *sizedOutput) WriteFile(name string, data []byte) error {
	err := o.Output.WriteFile(name, data)
	if err == nil {
		sum := write.Sum(data)
		o.mu.Lock()
		o.sizes[name] = sizeSum{int64(len(data)), sum}
		o.mu.Unlock()
	}
	return err
}

// sums returns the checksum of each file written.
func (o *sizedOutput) sums() map[string]uint32 {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make(map[string]uint32, len(o.sizes))
	for name, s := range o.sizes {
		out[name] = s.sum
	}
	return out
}

func (o *sizedOutput) size(name string) (int64, uint32, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	s, ok := o.sizes[name]
	return s.size, s.sum, ok
}
