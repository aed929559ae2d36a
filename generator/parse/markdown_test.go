package parse

import (
	"strings"
	"testing"
)

// TestMarkdownUnderABasePath: on a site published below its host, links
// and images written from the site root lead below it; the links the
// checks see stay as written.
func TestMarkdownUnderABasePath(t *testing.T) {
	body := []byte("[Soudeur](/formations/soudeur/), [ailleurs](//cdn.exemple.fr/a), [relatif](photo.jpg), <https://exemple.fr/>\n\n![Logo](/images/logo.svg)\n")
	out, err := NewMarkdown(false).Under("/talents/").Render(body)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="/talents/formations/soudeur/"`, `href="//cdn.exemple.fr/a"`, `href="photo.jpg"`, `href="https://exemple.fr/"`, `src="/talents/images/logo.svg"`} {
		if !strings.Contains(out.HTML, want) {
			t.Errorf("missing %s in\n%s", want, out.HTML)
		}
	}
	var dests []string
	for _, l := range out.Links {
		dests = append(dests, l.Dest)
	}
	if got := strings.Join(dests, " "); got != "/formations/soudeur/ //cdn.exemple.fr/a photo.jpg /images/logo.svg" {
		t.Errorf("links for the checks: %s", got)
	}
	root, _ := NewMarkdown(false).Under("/").Render(body)
	plain, _ := NewMarkdown(false).Render(body)
	if root.HTML != plain.HTML {
		t.Errorf("a site at the root of its host changed its links:\n%s", root.HTML)
	}
}
