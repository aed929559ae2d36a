package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
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

// searchWords are typed in BenchmarkSearch10k: frequent and rare words,
// towns, funding, mode, a qualification name, and a typo.
var searchWords = []string{"formation", "soudure", "developpeur", "logistique", "roubaix", "tourcoing",
	"alternance", "cpf", "maintenance", "cuisinier", "accompagnement", "entreprise", "bts", "devloppeur"}

// BenchmarkSearch10k measures search on a generated 10,000-page site
// (synth, seed 1) in the system Chromium, as a new visitor would use it:
// for each word, a fresh /recherche/ page (browser cache off), the word
// typed key by key 150 ms apart, then the gzip-compressed bytes and the
// requests of every search download from page load to the first results
// for the whole word (script, manifest, lexicon, postings, records), and
// the milliseconds from the last key to those results. The facet file,
// loaded after the results for the counts, is reported apart.
//
//	go test ./generator -run '^$' -bench Search10k -benchtime 1x
func BenchmarkSearch10k(b *testing.B) {
	site := b.TempDir()
	pages := 10000
	if n, err := strconv.Atoi(os.Getenv("TDT_BENCH_PAGES")); err == nil {
		pages = n // a smaller site, to try the benchmark itself
	}
	if err := synth.Write(site, synth.Options{Pages: pages, Seed: 1}); err != nil {
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
	worst, worstFiles, worstWord, slowest := 0, 0, "", 0.0
	fmt.Printf("%-15s %9s %8s %13s %14s\n", "word", "KB gzip", "requests", "ms to results", "KB with counts")
	for _, word := range searchWords {
		counter.mu.Lock()
		counter.bytes = map[string]int{}
		counter.mu.Unlock()
		err := chromedp.Do(ctx,
			chromedp.Navigate(srv.URL+"/recherche/"),
			chromedp.WaitVisible(`.search-filters`),
			chromedp.Focus(`#recherche-page`),
		)
		if err != nil {
			b.Fatalf("%s: %v", word, err)
		}
		// The page notes when the last key came and when the results for
		// the whole word show.
		_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`((word) => {
			const input = document.querySelector("#recherche-page"), status = document.querySelector(".search-status");
			window.benchKey = 0; window.benchDone = 0;
			// Capture runs before the script's own listener.
			document.addEventListener("input", () => { window.benchKey = performance.now(); }, true);
			new MutationObserver(() => {
				if (!window.benchDone && status.textContent.indexOf("« " + word + " »") >= 0 && document.querySelector(".search-results li")) {
					window.benchDone = performance.now();
					const got = performance.getEntriesByType("resource").filter(e => /\/search\/|\/search\.js$/.test(e.name));
					window.benchFiles = got.length;
					window.benchBytes = got.reduce((n, e) => n + e.encodedBodySize, 0);
				}
			}).observe(document.getElementById("recherche"), {childList: true, characterData: true, subtree: true});
			return true;
		})(%q)`, word)))
		if err != nil {
			b.Fatal(err)
		}
		// Keys 150 ms apart, whatever sending one takes.
		first := time.Now()
		for i, r := range []rune(word) {
			time.Sleep(time.Until(first.Add(time.Duration(i) * 150 * time.Millisecond)))
			if err := chromedp.Do(ctx, chromedp.SendKeys(`#recherche-page`, string(r))); err != nil {
				b.Fatal(err)
			}
		}
		ms, err := chromedp.Run(ctx, chromedp.Poll[float64](`window.benchDone ? Math.max(window.benchDone - window.benchKey, 0.001) : 0`))
		if err != nil {
			state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#recherche-page").value + " | " + document.querySelector(".search-status").textContent + " | " + window.benchKey + " " + window.benchDone`))
			b.Fatalf("%s: no results (%s): %v", word, state, err)
		}
		// What had arrived when the results showed, as the browser counts it.
		at, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[window.benchBytes, window.benchFiles]`))
		if err != nil {
			b.Fatal(err)
		}
		total, files := at[0], at[1]
		// The facet counts come after the results.
		chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector("#filtre-type option[value=formation]").textContent.indexOf("(") > 0`))
		withCounts, _ := counter.searchBytes()
		fmt.Printf("%-15s %9.1f %8d %13.0f %14.1f\n", word, float64(total)/1024, files, ms, float64(withCounts)/1024)
		if total > worst {
			worst, worstFiles, worstWord = total, files, word
		}
		slowest = max(slowest, ms)
	}
	fmt.Printf("worst: %s, %.1f KB gzip in %d requests\n", worstWord, float64(worst)/1024, worstFiles)
	b.ReportMetric(float64(worst)/1024, "KB-first-query-worst")
	b.ReportMetric(float64(worstFiles), "files-first-query-worst")
	b.ReportMetric(slowest, "ms-last-key-to-results-worst")
}
