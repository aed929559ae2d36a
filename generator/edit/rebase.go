package edit

import (
	"html"
	"net/url"
	"regexp"
	"strings"
)

// linkAttr finds the links of rendered Markdown: goldmark writes every
// attribute value between double quotes, escaped.
var linkAttr = regexp.MustCompile(`\b(src|href)="([^"]*)"`)

// rebase makes the relative links of a preview lead where they lead on
// the published page at pageURL: the preview is shown at the editor's
// address, where "portrait.jpg" (an image of the page's folder) would
// not be found. Links that name a scheme, an absolute path or a place in
// the preview itself are left as they are.
func rebase(body, pageURL string) string {
	base, err := url.Parse(pageURL)
	if pageURL == "" || err != nil || !strings.HasPrefix(pageURL, "/") || strings.HasPrefix(pageURL, "//") {
		return body
	}
	return linkAttr.ReplaceAllStringFunc(body, func(attr string) string {
		m := linkAttr.FindStringSubmatch(attr)
		dest := html.UnescapeString(m[2])
		if dest == "" || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "?") {
			return attr
		}
		ref, err := url.Parse(dest)
		if err != nil || ref.Scheme != "" || ref.Host != "" {
			return attr
		}
		return m[1] + `="` + html.EscapeString(base.ResolveReference(ref).String()) + `"`
	})
}
