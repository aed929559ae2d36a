package images

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
)

// picture draws a w × h gradient, so that resizing has real work to do.
func picture(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120, 255})
		}
	}
	return img
}

func encode(t *testing.T, img image.Image, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// memOut collects written files, and reads them back as a previous output.
// Images are planned and made on every core: memMu guards its writes and
// reads while they run; tests read it directly once they are done.
type memOut map[string][]byte

var memMu sync.Mutex

func (m memOut) WriteFile(name string, data []byte) error {
	memMu.Lock()
	defer memMu.Unlock()
	m[name] = bytes.Clone(data)
	return nil
}

func (m memOut) ReadFile(name string) ([]byte, error) {
	memMu.Lock()
	defer memMu.Unlock()
	if d, ok := m[name]; ok {
		return d, nil
	}
	return nil, bytes.ErrTooLarge
}

func siteWith(files fstest.MapFS) *content.Site {
	pos := diag.Pos{File: "content/entreprises/atelier/index.md", Line: 6, Col: 8}
	return &content.Site{Pages: []*content.Page{
		{Source: "content/entreprises/atelier/index.md", URL: "/entreprises/atelier/",
			Images: []content.Resource{{Name: "logo.png", Pos: pos}}},
		{Source: "content/reussites/lea/index.md", URL: "/reussites/lea/",
			Images: []content.Resource{{Name: "portrait.jpg", Pos: diag.Pos{File: "content/reussites/lea/index.md", Line: 9, Col: 9}}}},
	}}
}

func TestResizeAndReuse(t *testing.T) {
	src := fstest.MapFS{
		"content/entreprises/atelier/logo.png": {Data: encode(t, picture(600, 300), "png")},
		"content/reussites/lea/portrait.jpg":   {Data: encode(t, picture(1200, 1600), "jpg")},
	}
	site := siteWith(src)
	out := memOut{}
	var diags diag.List
	got, stats := Process(site, Options{Source: src}, out, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	logo := got["/entreprises/atelier/logo.png"]
	if logo.Width != 600 || logo.Height != 300 || len(logo.Variants) != 2 {
		t.Fatalf("logo: %+v (600 px wide: copies at 320 and 480 only)", logo)
	}
	photo := got["/reussites/lea/portrait.jpg"]
	if photo.Width != 1200 || len(photo.Variants) != 3 || stats.Resized != 5 || stats.Reused != 0 {
		t.Fatalf("photo: %+v, stats %+v", photo, stats)
	}
	for _, v := range append(logo.Variants, photo.Variants...) {
		data, ok := out[strings.TrimPrefix(v.URL, "/")]
		if !ok {
			t.Fatalf("%s not written", v.URL)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != v.Width {
			t.Errorf("%s: %v, %d px wide, want %d", v.URL, err, cfg.Width, v.Width)
		}
		if wantFormat := map[bool]string{true: "png", false: "jpeg"}[strings.HasSuffix(v.URL, ".png")]; format != wantFormat {
			t.Errorf("%s encoded as %s", v.URL, format)
		}
	}
	if h := photo.Variants[0]; !strings.HasPrefix(h.URL, "/reussites/lea/portrait.") || !strings.HasSuffix(h.URL, "-320w.jpg") {
		t.Errorf("variant name %s", h.URL)
	}
	if cfg, _, _ := image.DecodeConfig(bytes.NewReader(out["reussites/lea/"+strings.TrimPrefix(photo.Variants[0].URL, "/reussites/lea/")])); cfg.Height != 427 {
		t.Errorf("320 px copy of a 1200×1600 photo is %d px high, want 427", cfg.Height)
	}

	// A second build finds every copy in the previous output.
	again := memOut{}
	_, stats = Process(site, Options{Source: src, Previous: out}, again, &diags)
	if stats.Resized != 0 || stats.Reused != 5 || len(again) != 5 {
		t.Errorf("second build: %+v, %d files", stats, len(again))
	}

	// A changed photo gets new names, so a stale copy is never reused.
	src["content/reussites/lea/portrait.jpg"] = &fstest.MapFile{Data: encode(t, picture(1000, 1000), "jpg")}
	_, stats = Process(site, Options{Source: src, Previous: out}, memOut{}, &diags)
	if stats.Resized != 3 || stats.Reused != 2 {
		t.Errorf("after changing the photo: %+v", stats)
	}
}

// hugePNG returns a tiny PNG whose header claims w × h pixels.
func hugePNG(t *testing.T, w, h uint32) []byte {
	data := encode(t, picture(2, 2), "png")
	ihdr := data[8+8 : 8+8+13] // after signature, chunk length and type
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	crc := crc32.ChecksumIEEE(data[8+4 : 8+8+13])
	binary.BigEndian.PutUint32(data[8+8+13:], crc)
	return data
}

func TestBadImages(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"corrupt", []byte("\x89PNG\r\n\x1a\nnot really"), "content/entreprises/atelier/index.md:6:8: l'image « logo.png » est illisible"},
		{"text saved as png", []byte("<svg></svg>"), "content/entreprises/atelier/index.md:6:8: l'image « logo.png » est illisible"},
		{"oversized", hugePNG(t, 20000, 20000), "content/entreprises/atelier/index.md:6:8: l'image « logo.png » est trop grande (20000 × 20000 pixels)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fstest.MapFS{
				"content/entreprises/atelier/logo.png": {Data: tt.data},
				"content/reussites/lea/portrait.jpg":   {Data: encode(t, picture(100, 100), "jpg")},
			}
			var diags diag.List
			got, _ := Process(siteWith(src), Options{Source: src}, memOut{}, &diags)
			items := diags.Items()
			if len(items) != 1 || !strings.HasPrefix(items[0].String(), tt.want) {
				t.Fatalf("diagnostics %v, want one starting %q", items, tt.want)
			}
			if _, ok := got["/reussites/lea/portrait.jpg"]; !ok {
				t.Error("a bad logo stopped the other images")
			}
		})
	}
}

// TestPlanThenMake: Plan names every copy and writes none it has to make;
// Make writes them, the same bytes as Process; a copy found in the previous
// output is copied by Plan and not made again.
func TestPlanThenMake(t *testing.T) {
	src := fstest.MapFS{
		"content/entreprises/atelier/logo.png": {Data: encode(t, picture(600, 300), "png")},
		"content/reussites/lea/portrait.jpg":   {Data: encode(t, picture(1200, 1600), "jpg")},
	}
	var diags diag.List
	whole := memOut{}
	want, _ := Process(siteWith(src), Options{Source: src}, whole, &diags)

	out := memOut{}
	got, pending := Plan(siteWith(src), Options{Source: src}, out, &diags)
	if len(out) != 0 {
		t.Fatalf("Plan wrote %d files; the copies are Make's", len(out))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Plan: %v\nProcess: %v", got, want)
	}
	pending.Make(out, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	if len(out) != len(whole) || pending.Stats() != (Stats{Resized: 5}) {
		t.Fatalf("Make wrote %d files (%+v), Process %d", len(out), pending.Stats(), len(whole))
	}
	for name, data := range whole {
		if !bytes.Equal(out[name], data) {
			t.Errorf("%s: Make's bytes differ from Process's", name)
		}
	}

	// With the logo's copies in the previous output, Plan copies them and
	// leaves only the photo's three to make.
	prev := memOut{}
	for name, data := range whole {
		if strings.HasPrefix(name, "entreprises/") {
			prev[name] = data
		}
	}
	again := memOut{}
	_, pending = Plan(siteWith(src), Options{Source: src, Previous: prev}, again, &diags)
	if len(again) != 2 || pending.Stats() != (Stats{Reused: 2}) {
		t.Fatalf("Plan with a previous output: %d files, %+v", len(again), pending.Stats())
	}
	pending.Make(again, &diags)
	if len(again) != 5 || pending.Stats() != (Stats{Resized: 3, Reused: 2}) {
		t.Errorf("then Make: %d files, %+v", len(again), pending.Stats())
	}
}

// TestPreviousCopiesAllOrNone: copies of the previous output are used
// again only when every copy of the image is there, unchanged; otherwise
// all are made again, with the bytes of a first build (a smaller copy is
// made from a larger one, not from the original).
func TestPreviousCopiesAllOrNone(t *testing.T) {
	src := fstest.MapFS{"content/reussites/lea/portrait.jpg": {Data: encode(t, picture(1200, 1600), "jpg")}}
	site := siteWith(fstest.MapFS{})
	site.Pages = site.Pages[1:] // the story alone
	first := memOut{}
	var diags diag.List
	Process(site, Options{Source: src}, first, &diags)
	if diags.HasErrors() || len(first) != 3 {
		t.Fatalf("%v, %d copies", diags.Items(), len(first))
	}
	names := slices.Sorted(maps.Keys(first))
	for _, tt := range []struct {
		name   string
		change func(prev memOut)
	}{
		{"one copy missing", func(prev memOut) { delete(prev, names[0]) }},
		{"one copy not an image", func(prev memOut) { prev[names[1]] = []byte("pas une image") }},
		{"one copy of another size", func(prev memOut) { prev[names[2]] = encode(t, picture(10, 10), "jpg") }},
	} {
		prev := memOut{}
		maps.Copy(prev, first)
		tt.change(prev)
		out := memOut{}
		_, stats := Process(site, Options{Source: src, Previous: prev}, out, &diags)
		if stats.Reused != 0 || stats.Resized != 3 {
			t.Errorf("%s: %+v, want all three made again", tt.name, stats)
		}
		for name, data := range first {
			if !bytes.Equal(out[name], data) {
				t.Errorf("%s: %s differs from the first build's", tt.name, name)
			}
		}
	}

	// A copy whose bytes are not those the build wrote (its checksum,
	// from the record) is made again, with the others; a copy the record
	// does not know too.
	sums := map[string]uint32{}
	for name, data := range first {
		sums[name] = crc32.Checksum(data, castagnoli)
	}
	changed := memOut{}
	maps.Copy(changed, first)
	other := bytes.Clone(first[names[1]])
	other[len(other)-3] ^= 0xff
	changed[names[1]] = other
	_, stats := Process(site, Options{Source: src, Previous: changed, PreviousSums: sums}, memOut{}, &diags)
	if stats.Reused != 0 || stats.Resized != 3 {
		t.Errorf("a copy changed by hand was used again: %+v", stats)
	}
	unknown := map[string]uint32{}
	maps.Copy(unknown, sums)
	delete(unknown, names[2])
	if _, stats = Process(site, Options{Source: src, Previous: first, PreviousSums: unknown}, memOut{}, &diags); stats.Reused != 0 {
		t.Errorf("a copy the record does not know was used again: %+v", stats)
	}
	if _, stats = Process(site, Options{Source: src, Previous: first, PreviousSums: sums}, memOut{}, &diags); stats.Reused != 3 {
		t.Errorf("unchanged copies were not used again: %+v", stats)
	}
}
