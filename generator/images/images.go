// Package images prepares the logos and photos of page bundles: it checks
// that each one can be read, and makes smaller copies for phones, named by
// the original's content so that a later build can reuse them.
package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/par"
)

// widths of the resized copies. Only those smaller than the original are
// made: a 600-pixel logo gets a 320 and a 480 copy.
var widths = [...]int{320, 480, 800}

// MaxPixels bounds what is decoded: a photo straight from a camera is about
// 24 million pixels; beyond this the file is refused rather than risking
// the build's memory.
const MaxPixels = 50_000_000

// Output receives the resized copies.
type Output interface {
	WriteFile(name string, data []byte) error
}

// Options says where images are read and where earlier copies may be found.
type Options struct {
	Source   fs.FS    // the site root
	Previous Previous // the previous output, or nil: copies already made there are reused
	// PreviousSums, when not nil, are the checksums (CRC-32C) of the
	// copies the build that made Previous wrote, by file: a copy whose
	// bytes are not those any more (changed by hand) is made again, and
	// one without a checksum too. Nil trusts Previous as it is (serve's
	// last site, in memory).
	PreviousSums map[string]uint32
}

// Previous is a finished output that can be read back: the last build's
// folder, or the server's last site in memory.
type Previous interface {
	ReadFile(name string) ([]byte, error)
}

// Stats counts the work done, so that tests can tell a cached build.
type Stats struct {
	Resized int
	Reused  int
}

// Process prepares the logo and photo of every published page and returns
// them by page URL + file name: Plan, then Make.
func Process(site *content.Site, opts Options, out Output, diags *diag.List) (map[string]content.Image, Stats) {
	imgs, pending := Plan(site, opts, out, diags)
	pending.Make(out, diags)
	return imgs, pending.Stats()
}

// Pending is the resizing that Plan left to do: the copies that no earlier
// output holds. Their names and sizes are known, so pages can be rendered
// while Make makes them.
type Pending struct {
	jobs    []*copies
	reused  int
	resized atomic.Int64
}

// copies are the copies of one image still to make, the largest first.
type copies struct {
	name  string // the image's file name, for messages
	pos   diag.Pos
	ext   string
	data  []byte
	files []copyFile
}

type copyFile struct {
	file string // path in the output
	w, h int
}

// Stats counts the copies made by Make and those reused by Plan.
func (p *Pending) Stats() Stats {
	return Stats{Resized: int(p.resized.Load()), Reused: p.reused}
}

// Plan checks the logo and photo of every published page, names their
// copies, and copies those an earlier output already holds. It returns the
// images by page URL + file name, and what is left to make.
func Plan(site *content.Site, opts Options, out Output, diags *diag.List) (map[string]content.Image, *Pending) {
	type job struct {
		p *content.Page
		r content.Resource
	}
	var jobs []job
	for _, p := range site.Pages {
		for _, r := range p.Images {
			jobs = append(jobs, job{p, r})
		}
	}
	// Reading, hashing and copying earlier copies: spread over the cores.
	images := make([]content.Image, len(jobs))
	todo := make([]*copies, len(jobs))
	ok := make([]bool, len(jobs))
	var reused atomic.Int64
	each(len(jobs), func(i int) {
		var n int
		images[i], todo[i], n, ok[i] = plan(jobs[i].p, jobs[i].r, opts, out, diags)
		reused.Add(int64(n))
	})
	result := make(map[string]content.Image, len(jobs))
	pending := &Pending{reused: int(reused.Load())}
	for i, j := range jobs {
		if ok[i] {
			result[j.p.URL+j.r.Name] = images[i]
		}
		if todo[i] != nil {
			pending.jobs = append(pending.jobs, todo[i])
		}
	}
	return result, pending
}

// Make decodes, resizes and writes the copies left to make, on every core.
// An image that cannot be decoded after all is an error.
func (p *Pending) Make(out Output, diags *diag.List) {
	each(len(p.jobs), func(i int) {
		p.resized.Add(int64(p.jobs[i].make(out, diags)))
	})
}

// each calls f(0) … f(n-1) on as many goroutines as there are cores:
// decoding and resizing a photo takes milliseconds.
func each(n int, f func(i int)) {
	par.Each(runtime.GOMAXPROCS(0), n, func(_, i int) { f(i) })
}

// plan checks one image, names its copies, and copies from the previous
// output those it holds; the others are returned to make.
func plan(p *content.Page, r content.Resource, opts Options, out Output, diags *diag.List) (im content.Image, todo *copies, reused int, ok bool) {
	url := p.URL + r.Name
	im = content.Image{URL: url}
	ext := strings.ToLower(path.Ext(r.Name))
	if ext == ".svg" {
		return im, nil, 0, true // vector: any size, nothing to resize
	}
	if !content.IsPicture(r.Name) {
		diags.Errorf(r.Pos, "image-format",
			"format d'image « %s » non pris en charge : enregistrez l'image en JPEG (photo), PNG ou SVG (logo)", ext)
		return im, nil, 0, false
	}
	data, err := fs.ReadFile(opts.Source, path.Join(path.Dir(p.Source), r.Name))
	if err != nil {
		return im, nil, 0, false // a missing file is reported by the parser
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		diags.Errorf(r.Pos, "image-corrupt",
			"l'image « %s » est illisible (fichier abîmé, ou pas vraiment une image %s) : ouvrez-la et enregistrez-la de nouveau en JPEG ou PNG", r.Name, strings.ToUpper(strings.TrimPrefix(ext, ".")))
		return im, nil, 0, false
	}
	if cfg.Width*cfg.Height > MaxPixels || cfg.Width <= 0 || cfg.Height <= 0 {
		diags.Errorf(r.Pos, "image-too-large",
			"l'image « %s » est trop grande (%d × %d pixels) : réduisez-la à moins de 4000 pixels de large avant de l'ajouter", r.Name, cfg.Width, cfg.Height)
		return im, nil, 0, false
	}
	im.Width, im.Height = cfg.Width, cfg.Height

	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])[:12]
	base := strings.TrimSuffix(r.Name, path.Ext(r.Name))
	todo = &copies{name: r.Name, pos: r.Pos, ext: ext, data: data}
	for i := len(widths) - 1; i >= 0; i-- {
		w := widths[i]
		if w >= cfg.Width {
			continue
		}
		h := max(1, (cfg.Height*w+cfg.Width/2)/cfg.Width)
		name := fmt.Sprintf("%s.%s-%dw%s", base, hash, w, ext)
		file := strings.TrimPrefix(url[:len(url)-len(r.Name)], "/") + name
		im.Variants = append(im.Variants, content.ImageVariant{URL: p.URL + name, Width: w})
		todo.files = append(todo.files, copyFile{file, w, h})
	}
	slices.Reverse(im.Variants) // narrowest first
	if len(todo.files) == 0 {
		return im, nil, 0, true
	}
	// The copies of the previous output are used again only all together:
	// a smaller copy is made from a larger one, so that one made again
	// alone, from the original, would not have the same bytes.
	var prev [][]byte
	for _, f := range todo.files {
		data, ok := opts.previous(f.file, f.w, f.h)
		if !ok {
			return im, todo, 0, true
		}
		prev = append(prev, data)
	}
	for i, f := range todo.files {
		if err := out.WriteFile(f.file, prev[i]); err != nil {
			// Made again, all of them: a partial set cannot be completed.
			return im, todo, 0, true
		}
	}
	return im, nil, len(todo.files), true
}

// previous returns the copy named file, w × h pixels, of the previous
// output, when it can be used again: its name holds a hash of the
// original, so the copy was made from the same picture, unless it was
// changed afterwards (its checksum is not the one recorded, or it is no
// longer w × h pixels).
func (o Options) previous(file string, w, h int) ([]byte, bool) {
	if o.Previous == nil {
		return nil, false
	}
	data, err := o.Previous.ReadFile(file)
	if err != nil {
		return nil, false
	}
	if o.PreviousSums != nil {
		if sum, ok := o.PreviousSums[file]; !ok || crc32.Checksum(data, castagnoli) != sum {
			return nil, false
		}
	}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil || cfg.Width != w || cfg.Height != h {
		return nil, false
	}
	return data, true
}

// castagnoli is the table of CRC-32C, the checksum of write.Sum.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// make decodes the image and writes its copies, returning how many it
// made. The largest copy comes first: a smaller one is made from it when
// it is at least one and a half times as wide (a 4000-pixel photo is
// reduced once, not three times), from the original otherwise.
func (c *copies) make(out Output, diags *diag.List) int {
	src, _, err := image.Decode(bytes.NewReader(c.data))
	if err != nil {
		diags.Errorf(c.pos, "image-corrupt",
			"l'image « %s » est illisible (%v) : ouvrez-la et enregistrez-la de nouveau en JPEG ou PNG", c.name, err)
		return 0
	}
	var made []*image.RGBA
	for i, f := range c.files {
		from := src
		for _, m := range made {
			if 2*m.Rect.Dx() >= 3*f.w {
				from = m
			}
		}
		small := scale(from, f.w, f.h)
		made = append(made, small)
		encoded, err := encodeLike(small, c.ext)
		if err != nil {
			diags.Errorf(c.pos, "image-corrupt", "l'image « %s » n'a pas pu être réduite : %v", c.name, err)
			return i
		}
		if err := out.WriteFile(f.file, encoded); err != nil {
			diags.Errorf(c.pos, "write", "écriture impossible : %v", err)
			return i
		}
	}
	return len(c.files)
}

// encodeLike encodes a resized copy like the original. PNG at zlib's default
// level: the best level took three times as long on a photo (20 ms against
// 7.5 ms for a 320-pixel copy) for files 2 % smaller.
func encodeLike(img *image.RGBA, ext string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if ext == ".png" {
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression, BufferPool: &pngBuffers}).Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 82})
	}
	return buf.Bytes(), err
}

// pngBuffers keeps the PNG encoder's buffers and compressor between
// copies: a new compressor is 850 KB to allocate and clear, about a
// tenth of the time of encoding a 320-pixel copy.
var pngBuffers pngPool

type pngPool struct{ sync.Pool }

func (p *pngPool) Get() *png.EncoderBuffer {
	b, _ := p.Pool.Get().(*png.EncoderBuffer)
	return b
}

func (p *pngPool) Put(b *png.EncoderBuffer) { p.Pool.Put(b) }
