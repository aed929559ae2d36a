package content

import (
	"net/url"
	"strings"
)

// Config is site.toml.
type Config struct {
	Title       string // site name, in the header and the page titles
	Description string // one sentence, for the home page and feeds
	BaseURL     string // absolute URL of the published site, ends with "/"
	Language    string // BCP 47 code, "fr" by default
	Theme       string // theme folder under themes/, "default" by default
	Paginate    int    // items per list page
	UnsafeHTML  bool   // [markdown] unsafe: let raw HTML in Markdown through
	// Accessibility is the RGAA conformity status stated in every footer:
	// "totalement conforme", "partiellement conforme" or "non conforme".
	// Without an audit the law asks for "non conforme", hence the default.
	Accessibility string
	Organization  Organization
}

// Organization is the publisher of the site, for the footer and the legal
// pages: [organization] in site.toml.
type Organization struct {
	Name    string
	Address string
	Email   string
	Phone   string
}

// DefaultConfig returns the settings used for keys that site.toml omits.
func DefaultConfig() Config {
	return Config{
		Title:    "Terre de talents",
		BaseURL:  "/",
		Language: "fr",
		Theme:    "default",
		Paginate: 12,

		Accessibility: "non conforme",
	}
}

// BasePath is the path of the site below its host: "/" for a site at the
// root of its domain, "/talents/" for https://exemple.fr/talents/.
func (c Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	p := c.BaseURL
	if err == nil && u.Host != "" {
		p = u.Path
	}
	if p = "/" + strings.Trim(p, "/") + "/"; p == "//" {
		return "/"
	}
	return p
}
