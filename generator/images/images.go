// Package images prepares the logos and photos of page bundles: it checks
// that each one can be read, and makes smaller copies for phones, named by
// the original's content so that a later build can reuse them.
package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
// them by page URL + file name.
func Process(site *content.Site, opts Options, out Output, diags *diag.List) (map[string]content.Image, Stats) {
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
	// Decoding and resizing a photo takes milliseconds: use every core.
	images := make([]content.Image, len(jobs))
	ok := make([]bool, len(jobs))
	var resized, reused atomic.Int64
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			var stats Stats
			for i := int(next.Add(1) - 1); i < len(jobs); i = int(next.Add(1) - 1) {
				images[i], ok[i] = prepare(jobs[i].p, jobs[i].r, opts, out, &stats, diags)
			}
			resized.Add(int64(stats.Resized))
			reused.Add(int64(stats.Reused))
		})
	}
	wg.Wait()
	result := make(map[string]content.Image, len(jobs))
	for i, j := range jobs {
		if ok[i] {
			result[j.p.URL+j.r.Name] = images[i]
		}
	}
	return result, Stats{Resized: int(resized.Load()), Reused: int(reused.Load())}
}

func prepare(p *content.Page, r content.Resource, opts Options, out Output, stats *Stats, diags *diag.List) (content.Image, bool) {
	url := p.URL + r.Name
	im := content.Image{URL: url}
	ext := strings.ToLower(path.Ext(r.Name))
	if ext == ".svg" {
		return im, true // vector: any size, nothing to resize
	}
	if ext != ".png" && ext != ".jpg" && ext != ".jpeg" {
		diags.Errorf(r.Pos, "image-format",
			"format d'image « %s » non pris en charge : enregistrez l'image en JPEG (photo), PNG ou SVG (logo)", ext)
		return im, false
	}
	data, err := fs.ReadFile(opts.Source, path.Join(path.Dir(p.Source), r.Name))
	if err != nil {
		return im, false // a missing file is reported by the parser
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		diags.Errorf(r.Pos, "image-corrupt",
			"l'image « %s » est illisible (fichier abîmé, ou pas vraiment une image %s) : ouvrez-la et enregistrez-la de nouveau en JPEG ou PNG", r.Name, strings.ToUpper(strings.TrimPrefix(ext, ".")))
		return im, false
	}
	if cfg.Width*cfg.Height > MaxPixels || cfg.Width <= 0 || cfg.Height <= 0 {
		diags.Errorf(r.Pos, "image-too-large",
			"l'image « %s » est trop grande (%d × %d pixels) : réduisez-la à moins de 4000 pixels de large avant de l'ajouter", r.Name, cfg.Width, cfg.Height)
		return im, false
	}
	im.Width, im.Height = cfg.Width, cfg.Height

	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])[:12]
	base := strings.TrimSuffix(r.Name, path.Ext(r.Name))
	var src image.Image
	// The largest copy first: a smaller one is made from it when it is at
	// least one and a half times as wide (a 4000-pixel photo is reduced
	// once, not three times), from the original otherwise.
	var made []*image.RGBA
	for i := len(widths) - 1; i >= 0; i-- {
		w := widths[i]
		if w >= cfg.Width {
			continue
		}
		h := max(1, (cfg.Height*w+cfg.Width/2)/cfg.Width)
		name := fmt.Sprintf("%s.%s-%dw%s", base, hash, w, ext)
		file := strings.TrimPrefix(url[:len(url)-len(r.Name)], "/") + name
		variant := content.ImageVariant{URL: p.URL + name, Width: w}
		if opts.Previous != nil {
			if prev, err := opts.Previous.ReadFile(file); err == nil {
				if err := out.WriteFile(file, prev); err == nil {
					stats.Reused++
					im.Variants = append(im.Variants, variant)
					made = append(made, nil)
					continue
				}
			}
		}
		if src == nil {
			src, _, err = image.Decode(bytes.NewReader(data))
			if err != nil {
				diags.Errorf(r.Pos, "image-corrupt",
					"l'image « %s » est illisible (%v) : ouvrez-la et enregistrez-la de nouveau en JPEG ou PNG", r.Name, err)
				return content.Image{URL: url}, false
			}
		}
		from := src
		for _, m := range made {
			if m != nil && 2*m.Rect.Dx() >= 3*w {
				from = m
			}
		}
		small := scale(from, w, h)
		made = append(made, small)
		encoded, err := encodeLike(small, ext)
		if err != nil {
			diags.Errorf(r.Pos, "image-corrupt", "l'image « %s » n'a pas pu être réduite : %v", r.Name, err)
			return content.Image{URL: url}, false
		}
		if err := out.WriteFile(file, encoded); err != nil {
			diags.Errorf(r.Pos, "write", "écriture impossible : %v", err)
			return content.Image{URL: url}, false
		}
		stats.Resized++
		im.Variants = append(im.Variants, variant)
	}
	slices.Reverse(im.Variants) // narrowest first
	return im, true
}

// encodeLike encodes a resized copy like the original. PNG at zlib's default
// level: the best level took three times as long on a photo (20 ms against
// 7.5 ms for a 320-pixel copy) for files 2 % smaller.
func encodeLike(img *image.RGBA, ext string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if ext == ".png" {
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 82})
	}
	return buf.Bytes(), err
}
