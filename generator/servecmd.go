package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"terredetalents/generator/diag"
	"terredetalents/generator/edit"
	"terredetalents/generator/load"
	"terredetalents/generator/parse"
	"terredetalents/generator/serve"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "serve [-source DOSSIER] [-bind 127.0.0.1] [-port 1313] [-drafts]", stderr)
	source := fs.String("source", ".", "dossier du site (celui qui contient site.toml et content/)")
	bind := fs.String("bind", "127.0.0.1", "adresse d'écoute ; 127.0.0.1 ne laisse entrer que cet ordinateur")
	port := fs.Int("port", 1313, "port d'écoute (0 : un port libre au hasard)")
	drafts := fs.Bool("drafts", false, "montrer aussi les brouillons et les pages datées dans le futur")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	opts, code, ok := options(*source, *drafts, "/", stderr)
	if !ok {
		return code
	}
	addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			fmt.Fprintf(stderr, "le port %d est déjà utilisé (un autre « serve » est peut-être ouvert) : fermez-le, ou choisissez un autre port, par exemple -port %d\n", *port, *port+1)
		} else {
			fmt.Fprintf(stderr, "impossible d'écouter sur %s : %v\n", addr, err)
		}
		return exitUsage
	}

	server := serve.NewServer()
	rebuild, _ := serveRebuilder(newDevBuilder(os.DirFS(*source), opts), server, stdout, stderr)
	rebuild(nil)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := watchSite(*source, rebuild, ctx.Done()); err != nil {
		fmt.Fprintf(stderr, "surveillance des fichiers impossible : %v\n", err)
		return exitContent
	}

	local, hostname := serve.LocalAddresses()
	addrs := serve.AddressesFor(*bind, ln.Addr().(*net.TCPAddr), local, hostname)
	// Every request, whatever it asks for, names this preview in its Host:
	// a site that points its own name at this machine is refused.
	handler := previewHandler(*source, opts, addrs.Hosts, server)
	httpServer := &http.Server{Handler: serve.OnlyHosts(addrs.Hosts, addrs.Open, handler), ReadHeaderTimeout: 10 * time.Second}
	if addrs.Exposed {
		fmt.Fprintf(stderr, "attention : avec -bind %s, l'aperçu est visible par les autres appareils du réseau, pages en cours de rédaction comprises, et son éditeur (/_edition/) leur permet de modifier les pages ; n'utilisez cette option que sur un réseau de confiance, ou relancez sans -bind pour le réserver à cet ordinateur.\n", *bind)
	}
	fmt.Fprintf(stdout, "Aperçu du site : %s\n", addrs.Open)
	fmt.Fprintf(stdout, "Éditeur : %s\n", strings.TrimSuffix(addrs.Open, "/")+edit.Prefix)
	for _, u := range addrs.Network {
		fmt.Fprintf(stdout, "Sur le réseau : %s\n", u)
	}
	fmt.Fprintf(stdout, "Les pages se mettent à jour à chaque enregistrement. Ctrl+C pour arrêter.\n")
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = httpServer.Shutdown(shutdown)
	}()
	if err := httpServer.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "%v\n", err)
		return exitContent
	}
	fmt.Fprintln(stdout, "Aperçu arrêté.")
	return exitOK
}

// serveRebuilder returns what serve does on each change: rebuild, publish
// the new site or the errors, then the search index without holding the
// pages back. nil means "build everything" (at start). idle waits until
// the index of the last rebuild is in place.
func serveRebuilder(builder *devBuilder, server *serve.Server, stdout, stderr io.Writer) (rebuild func(changed []string), idle func()) {
	var mu sync.Mutex // one rebuild at a time
	var background sync.WaitGroup
	return func(changed []string) {
		mu.Lock()
		defer mu.Unlock()
		start := time.Now()
		res := builder.Build(changed)
		res.Diags.Print(stderr)
		if res.Site == nil {
			fmt.Fprintf(stderr, "%s : le site n'a pas été mis à jour, la dernière version correcte reste affichée.\n", res.Diags.Summary())
			server.Publish(nil, errorsOnly(res.Diags))
			return
		}
		server.Publish(res.Site, nil)
		if changed != nil {
			fmt.Fprintf(stdout, "Mis à jour en %d ms (%s).\n", time.Since(start).Milliseconds(), plural(res.Rendered, "page refaite", "pages refaites"))
		}
		// The search index follows, without holding the pages back; at
		// start it comes with them, so that the first search finds it.
		if changed == nil {
			d := builder.Data()
			d.Diags.Print(stderr)
			builder.InstallData(d)
			return
		}
		site := builder.goodSite
		background.Go(func() {
			d := dataFor(site)
			mu.Lock()
			defer mu.Unlock()
			d.Diags.Print(stderr)
			builder.InstallData(d)
		})
	}, background.Wait
}

// watchSite calls rebuild with the paths that changed under source until
// stop is closed.
func watchSite(source string, rebuild func([]string), stop <-chan struct{}) error {
	return serve.Watch(serve.WatchOptions{
		Root:     source,
		Dirs:     []string{"content", "static", "layouts", "i18n", "data", "themes", "archetypes"},
		Files:    []string{parse.ConfigFile},
		Ignore:   load.Ignored,
		Debounce: 10 * time.Millisecond, // an editor's save is a burst of well under a millisecond
	}, rebuild, stop)
}

// errorsOnly keeps the errors of a list, for the overlay: warnings are in
// the terminal and in check.
func errorsOnly(l *diag.List) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range l.Items() {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n <= 1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}
