package images

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"golang.org/x/image/draw"
)

// photo draws a picture with edges, gradients and transparency.
func photo(w, h int, opaque bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			a := uint8(255)
			if !opaque {
				a = uint8((x + y) * 255 / (w + h))
			}
			c := color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120, a}
			if (x/7+y/5)%2 == 0 {
				c.B = 20
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

// TestScaleMatchesCatmullRom compares scale with x/image/draw's Catmull-Rom
// on reductions and an enlargement: the same picture, within a few units
// per channel.
func TestScaleMatchesCatmullRom(t *testing.T) {
	for _, tt := range []struct{ sw, sh, w, h int }{
		{480, 320, 320, 213}, {1600, 1200, 800, 600}, {1600, 1200, 320, 240}, {160, 100, 320, 200}, {7, 5, 3, 2}, {300, 1, 100, 1},
	} {
		for _, opaque := range []bool{true, false} {
			src := photo(tt.sw, tt.sh, opaque)
			got := scale(src, tt.w, tt.h)
			want := image.NewRGBA(image.Rect(0, 0, tt.w, tt.h))
			draw.CatmullRom.Scale(want, want.Rect, src, src.Rect, draw.Src, nil)
			worst, sum := 0, 0
			for i := range got.Pix {
				d := int(got.Pix[i]) - int(want.Pix[i])
				sum += d * d
				worst = max(worst, d, -d)
			}
			if worst > 6 || sum > len(got.Pix) {
				t.Errorf("%d×%d -> %d×%d (opaque %v): differs by up to %d, mean square %.2f", tt.sw, tt.sh, tt.w, tt.h, opaque, worst, float64(sum)/float64(len(got.Pix)))
			}
			for i := 0; i < len(got.Pix); i += 4 {
				if a := got.Pix[i+3]; got.Pix[i] > a || got.Pix[i+1] > a || got.Pix[i+2] > a {
					t.Fatalf("colour above alpha at %d: %v", i, got.Pix[i:i+4])
				}
			}
		}
	}
}

func BenchmarkScale(b *testing.B) {
	src := image.NewRGBA(image.Rect(0, 0, 480, 320))
	draw.Draw(src, src.Rect, photo(480, 320, true), image.Point{}, draw.Src)
	b.Run("ours", func(b *testing.B) {
		for b.Loop() {
			scale(src, 320, 213)
		}
	})
	b.Run("one-channel-at-a-time", func(b *testing.B) {
		cols, rows := weights(480, 320), weights(320, 213)
		for b.Loop() {
			scalePlain(src, 320, 213, cols, rows)
		}
	})
	b.Run("x-image-draw", func(b *testing.B) {
		for b.Loop() {
			dst := image.NewRGBA(image.Rect(0, 0, 320, 213))
			draw.CatmullRom.Scale(dst, dst.Rect, src, src.Rect, draw.Src, nil)
		}
	})
}

// TestScaleTwoLanesUnchanged: two channels to an integer give the bytes of
// one channel at a time, on reductions, enlargements and odd sizes.
func TestScaleTwoLanesUnchanged(t *testing.T) {
	for _, tt := range []struct{ sw, sh, w, h int }{
		{480, 320, 320, 213}, {1600, 1200, 800, 600}, {1601, 1199, 479, 359}, {160, 100, 320, 200}, {7, 5, 3, 2}, {300, 1, 100, 1}, {1, 300, 1, 7}, {2, 2, 1, 1}, {3, 9, 5, 4}, {4000, 10, 320, 1},
	} {
		for _, opaque := range []bool{true, false} {
			src := image.NewRGBA(image.Rect(0, 0, tt.sw, tt.sh))
			draw.Draw(src, src.Rect, photo(tt.sw, tt.sh, opaque), image.Point{}, draw.Src)
			cols, rows := weights(tt.sw, tt.w), weights(tt.sh, tt.h)
			if !fitsTwoLanes(cols, rows) {
				t.Fatalf("%d×%d -> %d×%d: Catmull-Rom weights do not fit two lanes", tt.sw, tt.sh, tt.w, tt.h)
			}
			got, want := scaleTwoLanes(src, tt.w, tt.h, cols, rows), scalePlain(src, tt.w, tt.h, cols, rows)
			if !bytes.Equal(got.Pix, want.Pix) {
				t.Errorf("%d×%d -> %d×%d (opaque %v): not the bytes of one channel at a time", tt.sw, tt.sh, tt.w, tt.h, opaque)
			}
		}
	}
	// Saturated colours at full alpha next to black: the largest sums.
	src := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for i := range src.Pix {
		if (i/4+i/(4*64))%2 == 0 {
			src.Pix[i] = 255
		}
	}
	for _, n := range []int{13, 32, 63, 64, 100} {
		cols, rows := weights(64, n), weights(64, n)
		got, want := scaleTwoLanes(src, n, n, cols, rows), scalePlain(src, n, n, cols, rows)
		if !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("checkerboard 64 -> %d: not the bytes of one channel at a time", n)
		}
	}
}

// TestFitsTwoLanes: the bound is right at its edge. Weights whose vertical
// sums can pass 2³¹ are refused, and a picture of extreme values under
// weights that fit comes out as one channel at a time gives.
func TestFitsTwoLanes(t *testing.T) {
	one := int32(1 << fracBits)
	// A row of three taps, +a, -(a-1)/2 twice: the sum of the weights
	// is one, the sum without signs 2a-1.
	row := func(a float64) []taps {
		big := int32(a * float64(one))
		side := (big - one) / 2
		return []taps{{first: 0, w: []int32{-side, big, one - big + side}}}
	}
	if !fitsTwoLanes(row(1.1), row(1.1)) {
		t.Error("weights of 1.1 refused")
	}
	if !fitsTwoLanes(row(1.25), row(1.25)) {
		t.Error("weights of 1.25 refused: 255 × 1.25 × 2⁸ × (2 × 1.25 - 1) × 2¹⁴ is below 2³¹")
	}
	if fitsTwoLanes(row(1.3), row(1.3)) {
		t.Error("weights of 1.3 accepted: 255 × 1.3 × 2⁸ × (2 × 1.3 - 1) × 2¹⁴ passes 2³¹")
	}
	for _, a := range []float64{1.05, 1.1, 1.15, 1.2, 1.25, 1.3} {
		cols, rows := row(a), row(a)
		if !fitsTwoLanes(cols, rows) {
			continue
		}
		// The worst picture: full where the weight is positive, empty
		// where it is negative, in both directions.
		src := image.NewRGBA(image.Rect(0, 0, 3, 3))
		for y := range 3 {
			for x := range 3 {
				if (rows[0].w[y] > 0) == (cols[0].w[x] > 0) {
					copy(src.Pix[y*src.Stride+x*4:], []uint8{255, 255, 255, 255})
				}
			}
		}
		got, want := scaleTwoLanes(src, 1, 1, cols, rows), scalePlain(src, 1, 1, cols, rows)
		if !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("weights of %.2f: %v, one channel at a time %v", a, got.Pix, want.Pix)
		}
	}
}
