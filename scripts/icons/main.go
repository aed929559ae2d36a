// Command icons draws the default theme's favicon and sharing image:
// go run ./scripts/icons. The files it writes are committed under
// themes/default/static/; run it again only to change their design.
package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"log"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

var (
	brick = color.RGBA{0xa6, 0x3d, 0x22, 0xff}
	ochre = color.RGBA{0xd9, 0xa4, 0x41, 0xff}
	teal  = color.RGBA{0x1d, 0x6b, 0x63, 0xff}
	bg    = color.RGBA{0xfb, 0xf6, 0xef, 0xff}
	ink   = color.RGBA{0x1f, 0x1a, 0x17, 0xff}
	muted = color.RGBA{0x5a, 0x4f, 0x48, 0xff}
)

func main() {
	dir := "themes/default/static/"
	must(os.WriteFile(dir+"favicon.ico", ico(icon(32)), 0o644))
	must(os.WriteFile(dir+"images/partage.png", encode(card()), 0o644))
}

// icon is the mark: three bricks of the theme's stripe on a brick square.
func icon(n int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, n, n))
	draw.Draw(m, m.Bounds(), &image.Uniform{brick}, image.Point{}, draw.Src)
	u := n / 8
	fill(m, image.Rect(u, 5*u, 3*u, 7*u), ochre)
	fill(m, image.Rect(3*u+u/2, 3*u, 5*u+u/2, 7*u), bg)
	fill(m, image.Rect(6*u, u, 7*u+u/2, 7*u), teal)
	return m
}

// card is the 1200x630 image shared on social networks when a page has no
// raster picture of its own.
func card() *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, 1200, 630))
	draw.Draw(m, m.Bounds(), &image.Uniform{bg}, image.Point{}, draw.Src)
	for x, i := 0, 0; x < 1200; i++ { // the stripe of the site's header
		w, c := []int{100, 20, 60, 20}[i%4], []color.RGBA{brick, ochre, teal, ochre}[i%4]
		fill(m, image.Rect(x, 0, x+w, 24), c)
		x += w
	}
	draw.Draw(m, image.Rect(80, 150, 208, 278), scale(icon(32), 4), image.Point{}, draw.Src)
	text(m, gobold.TTF, 88, 80, 400, ink, "Terre de talents")
	text(m, goregular.TTF, 38, 80, 470, muted, "Talents, formations et entreprises qui recrutent")
	text(m, goregular.TTF, 38, 80, 520, muted, "à Roubaix et dans l'est de la métropole lilloise")
	return m
}

func text(m draw.Image, ttf []byte, size float64, x, y int, c color.Color, s string) {
	f, err := opentype.Parse(ttf)
	must(err)
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	must(err)
	d := font.Drawer{Dst: m, Src: &image.Uniform{c}, Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

func scale(src *image.RGBA, k int) *image.RGBA {
	b := src.Bounds()
	m := image.NewRGBA(image.Rect(0, 0, b.Dx()*k, b.Dy()*k))
	for y := 0; y < b.Dy()*k; y++ {
		for x := 0; x < b.Dx()*k; x++ {
			m.Set(x, y, src.At(x/k, y/k))
		}
	}
	return m
}

func fill(m draw.Image, r image.Rectangle, c color.Color) {
	draw.Draw(m, r, &image.Uniform{c}, image.Point{}, draw.Src)
}

func encode(m image.Image) []byte {
	var b bytes.Buffer
	must(png.Encode(&b, m))
	return b.Bytes()
}

// ico wraps a PNG in the ICO container that browsers ask for at
// /favicon.ico.
func ico(m *image.RGBA) []byte {
	data := encode(m)
	var b bytes.Buffer
	n := m.Bounds().Dx()
	binary.Write(&b, binary.LittleEndian, [3]uint16{0, 1, 1})
	b.Write([]byte{byte(n), byte(n), 0, 0})
	binary.Write(&b, binary.LittleEndian, [2]uint16{1, 32})
	binary.Write(&b, binary.LittleEndian, [2]uint32{uint32(len(data)), 22})
	b.Write(data)
	return b.Bytes()
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
