package images

import (
	"image"
	"math"
	"sync"

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
	if fitsTwoLanes(cols, rows) {
		return scaleTwoLanes(rgba, w, h, cols, rows)
	}
	return scalePlain(rgba, w, h, cols, rows)
}

// scalePlain is scale one channel at a time.
func scalePlain(rgba *image.RGBA, w, h int, cols, rows []taps) *image.RGBA {
	sw, sh := rgba.Rect.Dx(), rgba.Rect.Dy()

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

// scaleTwoLanes is scale with two channels in each 64-bit integer: red
// and blue in one, green and alpha in the other, 32 bits apart. A sum of
// weighted values a + b<<32 is the sum of the a's plus the sum of the b's
// shifted, and as long as each sum stays within ±2³¹ both are read back
// exactly (fitsTwoLanes): the same bytes as scalePlain for half the
// multiplications.
func scaleTwoLanes(rgba *image.RGBA, w, h int, cols, rows []taps) *image.RGBA {
	sw, sh := rgba.Rect.Dx(), rgba.Rect.Dy()
	buf := scratch.get(2*sw + 2*sh*w + 2*w)
	defer scratch.put(buf)
	rowRB, rowGA := buf[:sw], buf[sw:2*sw]
	tmpRB, tmpGA := buf[2*sw:2*sw+sh*w], buf[2*sw+sh*w:2*sw+2*sh*w]
	for y := range sh {
		in := rgba.Pix[y*rgba.Stride : y*rgba.Stride+sw*4]
		for x := range sw {
			p := in[x*4 : x*4+4 : x*4+4]
			rowRB[x] = int64(p[0]) | int64(p[2])<<32
			rowGA[x] = int64(p[1]) | int64(p[3])<<32
		}
		outRB, outGA := tmpRB[y*w:(y+1)*w], tmpGA[y*w:(y+1)*w]
		for x, c := range cols {
			// Slices of one length, so that the loop has no bounds checks
			// and its sums stay in registers.
			ws := c.w
			srcRB, srcGA := rowRB[c.first:][:len(ws)], rowGA[c.first:][:len(ws)]
			var rb, ga int64
			for k := range ws {
				wt := int64(ws[k])
				rb += wt * srcRB[k]
				ga += wt * srcGA[k]
			}
			r, b := unpack(rb)
			g, a := unpack(ga)
			const s = fracBits - 8
			outRB[x] = r>>s + (b>>s)<<32
			outGA[x] = g>>s + (a>>s)<<32
		}
	}

	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	accRB, accGA := buf[2*sw+2*sh*w:2*sw+2*sh*w+w], buf[2*sw+2*sh*w+w:]
	const shift = fracBits + 8
	const half = 1 << (shift - 1)
	for y, c := range rows {
		clear(accRB)
		clear(accGA)
		for k, wt := range c.w {
			row := c.first + k
			inRB, inGA := tmpRB[row*w:(row+1)*w], tmpGA[row*w:(row+1)*w]
			n := len(accRB)
			inRB, inGA, accGA := inRB[:n], inGA[:n], accGA[:n]
			wt := int64(wt)
			for i := range accRB {
				accRB[i] += wt * inRB[i]
				accGA[i] += wt * inGA[i]
			}
		}
		out := dst.Pix[y*dst.Stride : y*dst.Stride+w*4]
		for x := range w {
			r, b := unpack(accRB[x])
			g, a := unpack(accGA[x])
			alpha := clamp((int(a)+half)>>shift, 255)
			o := out[x*4 : x*4+4 : x*4+4]
			o[0] = uint8(clamp((int(r)+half)>>shift, alpha))
			o[1] = uint8(clamp((int(g)+half)>>shift, alpha))
			o[2] = uint8(clamp((int(b)+half)>>shift, alpha))
			o[3] = uint8(alpha)
		}
	}
	return dst
}

// scratch keeps the working memory of scaleTwoLanes between copies: 1.6 MB
// for a 480-pixel photo, which would otherwise be garbage to collect each
// time.
var scratch scratchPool

type scratchPool struct{ sync.Pool }

// get returns n int64s, not cleared: scaleTwoLanes writes each before it
// reads it.
func (p *scratchPool) get(n int) []int64 {
	if b, ok := p.Pool.Get().(*[]int64); ok && cap(*b) >= n {
		return (*b)[:n]
	}
	return make([]int64, n)
}

func (p *scratchPool) put(b []int64) { p.Pool.Put(&b) }

// unpack splits a sum of values lo + hi<<32 into its two sums, each
// within ±2³¹.
func unpack(v int64) (lo, hi int64) {
	lo = int64(int32(v))
	return lo, (v - lo) >> 32
}

// fitsTwoLanes reports whether scaleTwoLanes can use these weights: each
// of its sums must stay within ±2³¹ to be read back. A horizontal sum is at
// most 255 times the positive (or negative) weights of its pixel, 2¹⁴ for
// one, and is kept with 8 bits more than a channel; a vertical sum at most
// that times the weights of its row without their signs. Catmull-Rom's
// weights, about 1.1 and 1.2, give 2³⁰·³; weights of 1.42 would not fit.
func fitsTwoLanes(cols, rows []taps) bool {
	hMax := 0
	for _, t := range cols {
		pos, neg := 0, 0
		for _, w := range t.w {
			if w > 0 {
				pos += int(w)
			} else {
				neg -= int(w)
			}
		}
		hMax = max(hMax, 255*max(pos, neg)>>(fracBits-8)+1)
	}
	for _, t := range rows {
		abs := 0
		for _, w := range t.w {
			abs += max(int(w), -int(w))
		}
		if abs*hMax >= 1<<31 {
			return false
		}
	}
	return true
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
