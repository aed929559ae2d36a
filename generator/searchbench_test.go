package main

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"terredetalents/generator/synth"
)

// gzipCounter serves a built site as a static host would (gzip-compressed)
// and counts the compressed bytes of the search files it sends.
type gzipCounter struct {
	root  string
	mu    sync.Mutex
	bytes map[string]int
}

func (g *gzipCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := filepath.Join(g.root, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/")))
	if strings.HasSuffix(r.URL.Path, "/") {
		p = filepath.Join(p, "index.html")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	var buf bytes.Buffer
	z, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	z.Write(data)
	z.Close()
	switch {
	case strings.HasSuffix(p, ".json"):
		w.Header().Set("Content-Type", "application/json")
	case strings.HasSuffix(p, ".js"):
		w.Header().Set("Content-Type", "text/javascript")
	case strings.HasSuffix(p, ".css"):
		w.Header().Set("Content-Type", "text/css")
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	w.Header().Set("Content-Encoding", "gzip")
	w.Write(buf.Bytes())
	g.mu.Lock()
	g.bytes[r.URL.Path] = buf.Len()
	g.mu.Unlock()
}

// searchBytes sums what the search itself downloaded: the script and the
// files of /search/.
func (g *gzipCounter) searchBytes() (total, files int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for path, n := range g.bytes {
		if strings.HasPrefix(path, "/search/") || strings.HasSuffix(path, "/search.js") {
			total += n
			files++
		}
	}
	return total, files
}

// BenchmarkSearch10k measures search on a generated 10,000-page site in
// the system Chromium: for a first one-word query, the gzip-compressed
// bytes downloaded (script, manifest, shards, shown records) and the time
// to the first results; then the time of a second query, index warm.
//
//	go test ./generator -run '^$' -bench Search10k -benchtime 1x
func BenchmarkSearch10k(b *testing.B) {
	site := b.TempDir()
	if err := synth.Write(site, synth.Options{Pages: 10000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	if code, _, stderr := runGen(b, site, "build"); code != 0 {
		b.Fatal(stderr)
	}
	b.ReportMetric(time.Since(start).Seconds(), "s-full-build")
	var indexBytes int64
	filepath.WalkDir(filepath.Join(site, "public", "search"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			info, _ := d.Info()
			indexBytes += info.Size()
		}
		return nil
	})
	b.ReportMetric(float64(indexBytes)/(1<<20), "MB-index")

	counter := &gzipCounter{root: filepath.Join(site, "public"), bytes: map[string]int{}}
	srv := httptest.NewServer(counter)
	defer srv.Close()
	ctx, _ := browser(b, true)
	// Every query is a first one: nothing comes from the browser's cache.
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		b.Fatal(err)
	}
	worst, worstFiles, slowest := 0, 0, time.Duration(0)
	for _, word := range []string{"soudure", "formation", "roubaix", "developpeur", "logistique"} {
		counter.mu.Lock()
		counter.bytes = map[string]int{}
		counter.mu.Unlock()
		begin := time.Now()
		err := chromedp.Do(ctx,
			chromedp.Navigate(srv.URL+"/recherche/?q="+word),
			chromedp.WaitVisible(`.search-results li`),
		)
		if err != nil {
			b.Fatalf("%s: %v", word, err)
		}
		elapsed := time.Since(begin)
		total, files := counter.searchBytes()
		b.Logf("%-12s first query: %6d bytes gzip in %d files, %v to results (page load included)", word, total, files, elapsed.Round(time.Millisecond))
		if total > worst {
			worst, worstFiles = total, files
		}
		slowest = max(slowest, elapsed)
	}
	b.ReportMetric(float64(worst)/1024, "KB-first-query-worst")
	b.ReportMetric(float64(worstFiles), "files-first-query-worst")
	b.ReportMetric(float64(slowest.Milliseconds()), "ms-first-query-worst")

	// A second query on the same page: manifest loaded, shards fetched as needed.
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`new Promise(done => {
		const form = document.querySelector("#recherche form"), list = document.querySelector(".search-results");
		const t0 = performance.now();
		new MutationObserver((m, o) => { if (list.children.length) { o.disconnect(); done(performance.now() - t0); } })
			.observe(list, {childList: true});
		document.querySelector("#recherche-page").value = "maintenance";
		form.requestSubmit();
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(ms, "ms-second-query")
}
