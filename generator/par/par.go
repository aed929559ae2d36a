// Package par runs the iterations of a loop on several goroutines.
package par

import (
	"sync"
	"sync/atomic"
)

// Each calls f(w, i) for every i in [0, n), on min(workers, n) goroutines
// numbered w. Each goroutine takes the next i itself: handing them out on
// an unbuffered channel left a core idle about a tenth of the time at the
// end of a 10,000-page build, waiting for the sender to be scheduled.
func Each(workers, n int, f func(w, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range min(workers, n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(w, i)
			}
		})
	}
	wg.Wait()
}
