package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/yuin/goldmark"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/images"
	"terredetalents/generator/link"
	"terredetalents/generator/load"
	"terredetalents/generator/parse"
	"terredetalents/generator/render"
	"terredetalents/generator/synth"
	"terredetalents/generator/write"
	"terredetalents/themes"
)

// countingOutput is an Output that keeps only the count and size of
// what it is given, so that a stage is timed without the disk.
type countingOutput struct {
	mu           sync.Mutex
	files, bytes int
}

func (d *countingOutput) WriteFile(name string, data []byte) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.files++
	d.bytes += len(data)
	return nil
}

// synthSite is a generated site, read up to the parse stage: what the
// stage benchmarks and the progress test start from.
type synthSite struct {
	src   fs.FS
	opts  pipelineOptions
	cfg   content.Config
	files []content.File
}

func newSynthSite(tb testing.TB, pages int) synthSite {
	tb.Helper()
	dir := tb.TempDir()
	if err := synth.Write(dir, synth.Options{Pages: pages, Seed: 1}); err != nil {
		tb.Fatal(err)
	}
	s := synthSite{src: os.DirFS(dir), opts: pipelineOptions{Now: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)}}
	var diags diag.List
	s.cfg = siteConfig(s.src, s.opts, &diags)
	s.files = load.Content(s.src, &diags)
	if diags.HasErrors() {
		tb.Fatal(diags.Items()[0])
	}
	return s
}

// BenchmarkStages times each stage of a 10,000-page build on its own,
// output discarded except for the write stage:
//
//	go test ./generator -run '^$' -bench Stages -benchtime 3x
//
// MB/s is Markdown (front matter included) per second for load and parse,
// output per second for the others; compare parse with goldmark's floor
// of about 40 MB/s per core (docs/performance.md).
func BenchmarkStages(b *testing.B) {
	s := newSynthSite(b, 10000)
	src, opts, cfg, files := s.src, s.opts, s.cfg, s.files
	var diags diag.List
	markdown := 0
	for _, f := range files {
		markdown += len(f.Text)
	}
	md := parse.NewMarkdown(false)
	pages := parsePagesWith(files, md, 0, &diags)
	site := link.Site(cfg, pages, link.Options{Now: opts.Now}, &diags)
	if diags.HasErrors() {
		b.Fatal(diags.Items()[0])
	}
	layers := render.Layers{src, themes.Default()}

	b.Run("load", func(b *testing.B) {
		b.SetBytes(int64(markdown))
		for b.Loop() {
			load.Content(src, &diag.List{})
		}
	})
	b.Run("goldmark-floor", func(b *testing.B) {
		// Plain goldmark, one core, on the bodies alone: the floor the
		// parse stage is compared with.
		var bodies [][]byte
		size := 0
		for _, f := range files {
			if split, err := parse.SplitFrontMatter(f.Text); err == nil {
				bodies = append(bodies, split.Body)
				size += len(split.Body)
			}
		}
		b.SetBytes(int64(size))
		plain := goldmark.New()
		var out bytes.Buffer
		for b.Loop() {
			for _, body := range bodies {
				out.Reset()
				if err := plain.Convert(body, &out); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("markdown-one-core", func(b *testing.B) {
		// Our Markdown (GFM, footnotes, heading ids, link collection),
		// one core, bodies alone.
		var bodies [][]byte
		size := 0
		for _, f := range files {
			if split, err := parse.SplitFrontMatter(f.Text); err == nil {
				bodies = append(bodies, split.Body)
				size += len(split.Body)
			}
		}
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, body := range bodies {
				if _, err := md.Render(body); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(int64(markdown))
		for b.Loop() {
			parsePagesWith(files, md, 0, &diag.List{})
		}
	})
	b.Run("link", func(b *testing.B) {
		for b.Loop() {
			// Linking keeps its results in the site, not in the pages:
			// the same pages can be linked again.
			link.Site(cfg, pages, link.Options{Now: opts.Now}, &diag.List{})
		}
	})
	b.Run("images", func(b *testing.B) {
		// A first build: every copy is made.
		var out *countingOutput
		for b.Loop() {
			out = &countingOutput{}
			images.Process(site, images.Options{Source: src}, out, &diag.List{})
		}
		b.SetBytes(int64(out.bytes))
		b.ReportMetric(float64(out.files), "files")
	})
	b.Run("render", func(b *testing.B) {
		var out *countingOutput
		for b.Loop() {
			out = &countingOutput{}
			render.Site(site, render.Options{Layers: layers}, out, &diag.List{})
		}
		b.SetBytes(int64(out.bytes))
		b.ReportMetric(float64(out.files), "files")
	})
	b.Run("data", func(b *testing.B) {
		var out *countingOutput
		for b.Loop() {
			out = &countingOutput{}
			writeData(site, out, &diag.List{})
		}
		b.SetBytes(int64(out.bytes))
		b.ReportMetric(float64(out.files), "files")
	})
	b.Run("write", func(b *testing.B) {
		// The files of one render, written to a staging folder and
		// committed, as a build does.
		var out memFiles
		render.Site(site, render.Options{Layers: layers}, &out, &diag.List{})
		total := 0
		for _, f := range out.files {
			total += len(f.data)
		}
		b.SetBytes(int64(total))
		dest := filepath.Join(b.TempDir(), "public")
		for i := 0; b.Loop(); i++ {
			stage, err := write.NewStaging(dest)
			if err != nil {
				b.Fatal(err)
			}
			for _, f := range out.files {
				if err := stage.WriteFile(f.name, f.data); err != nil {
					b.Fatal(err)
				}
			}
			if err := stage.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(out.files)), "files")
	})
}

type memFile struct {
	name string
	data []byte
}

// memFiles keeps what it is given, in memory.
type memFiles struct {
	mu    sync.Mutex
	files []memFile
}

func (m *memFiles) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files = append(m.files, memFile{name, bytes.Clone(data)})
	return nil
}
