package images

import (
	"image"
	"math"

	"golang.org/x/image/draw"
)

// scale resizes src to w × h with the Catmull-Rom filter, as
// golang.org/x/image/draw's CatmullRom does, but in integers on 8-bit
// premultiplied RGBA, with the filter weights computed once per column and
// row: about five times as fast on a photo, for the same picture within a
// unit or two per channel.
func scale(src image.Image, w, h int) *image.RGBA {
	rgba, ok := src.(*image.RGBA)
	if !ok || rgba.Rect.Min != (image.Point{}) {
		b := src.Bounds()
		rgba = image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(rgba, rgba.Rect, src, b.Min, draw.Src)
	}
	sw, sh := rgba.Rect.Dx(), rgba.Rect.Dy()
	cols, rows := weights(sw, w), weights(sh, h)

	// Horizontal pass: every source row, to w columns, kept with 8 more
	// bits of precision.
	tmp := make([]int32, sh*w*4)
	for y := range sh {
		in := rgba.Pix[y*rgba.Stride : y*rgba.Stride+sw*4]
		out := tmp[y*w*4 : (y+1)*w*4]
		for x, c := range cols {
			var r, g, b, a int
			p := in[c.first*4:]
			for k, wt := range c.w {
				px := p[k*4 : k*4+4 : k*4+4]
				r += int(wt) * int(px[0])
				g += int(wt) * int(px[1])
				b += int(wt) * int(px[2])
				a += int(wt) * int(px[3])
			}
			o := out[x*4 : x*4+4 : x*4+4]
			o[0], o[1], o[2], o[3] = int32(r>>(fracBits-8)), int32(g>>(fracBits-8)), int32(b>>(fracBits-8)), int32(a>>(fracBits-8))
		}
	}

	// Vertical pass: h rows, each a weighted sum of whole rows of tmp.
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	acc := make([]int, w*4)
	const shift = fracBits + 8
	for y, c := range rows {
		clear(acc)
		for k, wt := range c.w {
			row := tmp[(c.first+k)*w*4 : (c.first+k+1)*w*4]
			for i, v := range row {
				acc[i] += int(wt) * int(v)
			}
		}
		out := dst.Pix[y*dst.Stride : y*dst.Stride+w*4]
		const half = 1 << (shift - 1)
		for i := 0; i < len(out); i += 4 {
			a := clamp((acc[i+3]+half)>>shift, 255)
			out[i] = uint8(clamp((acc[i]+half)>>shift, a))
			out[i+1] = uint8(clamp((acc[i+1]+half)>>shift, a))
			out[i+2] = uint8(clamp((acc[i+2]+half)>>shift, a))
			out[i+3] = uint8(a)
		}
	}
	return dst
}

// fracBits is the precision of the filter weights.
const fracBits = 14

// clamp bounds v to [0, hi]: a premultiplied colour never exceeds its alpha.
func clamp(v, hi int) int {
	return max(0, min(v, hi))
}

// taps are the weights of the source pixels first, first+1… for one
// destination pixel; they sum to 1<<fracBits.
type taps struct {
	first int
	w     []int32
}

// weights computes, for each of the n destination pixels of a line of
// size source pixels, the Catmull-Rom weights of the source pixels it
// covers. The filter is widened by the scale factor when reducing, so
// that every source pixel counts; pixels past the edges are left out and
// the others weigh more.
func weights(size, n int) []taps {
	s := float64(size) / float64(n)
	support := 2.0
	if s > 1 {
		support *= s
	}
	out := make([]taps, n)
	ws := make([]float64, 0, int(2*support)+2)
	for i := range out {
		center := (float64(i)+0.5)*s - 0.5
		first := max(0, int(math.Ceil(center-support)))
		last := min(size-1, int(math.Floor(center+support)))
		ws = ws[:0]
		sum := 0.0
		for j := first; j <= last; j++ {
			d := math.Abs(float64(j) - center)
			if s > 1 {
				d /= s
			}
			v := catmullRom(d)
			ws = append(ws, v)
			sum += v
		}
		t := taps{first: first, w: make([]int32, len(ws))}
		total := int32(0)
		big := 0
		for k, v := range ws {
			t.w[k] = int32(math.Round(v / sum * (1 << fracBits)))
			total += t.w[k]
			if t.w[k] > t.w[big] {
				big = k
			}
		}
		t.w[big] += 1<<fracBits - total // rounding: the weights sum to one exactly
		out[i] = t
	}
	return out
}

// catmullRom is the Catmull-Rom cubic (B = 0, C = 1/2) at distance d.
func catmullRom(d float64) float64 {
	switch {
	case d < 1:
		return (1.5*d-2.5)*d*d + 1
	case d < 2:
		return ((-0.5*d+2.5)*d-4)*d + 2
	}
	return 0
}
