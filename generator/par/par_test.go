package par

import (
	"sync/atomic"
	"testing"
)

// TestEach: every index once, on no more goroutines than asked or than
// there are indexes, each told its number.
func TestEach(t *testing.T) {
	for _, tt := range []struct{ workers, n int }{{1, 0}, {1, 5}, {4, 3}, {3, 1000}} {
		seen := make([]atomic.Int32, tt.n)
		var bad atomic.Bool
		Each(tt.workers, tt.n, func(w, i int) {
			if w < 0 || w >= min(tt.workers, tt.n) {
				bad.Store(true)
			}
			seen[i].Add(1)
		})
		if bad.Load() {
			t.Errorf("workers %d, n %d: a worker number out of range", tt.workers, tt.n)
		}
		for i := range seen {
			if c := seen[i].Load(); c != 1 {
				t.Errorf("workers %d, n %d: index %d done %d times", tt.workers, tt.n, i, c)
			}
		}
	}
}
