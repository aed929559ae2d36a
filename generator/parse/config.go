package parse

import (
	"errors"
	"io/fs"
	"net/url"
	"strings"

	"github.com/BurntSushi/toml"

	"terredetalents/generator/content"
	"terredetalents/generator/diag"
	"terredetalents/generator/load"
)

// ConfigFile is the name of the site configuration at the site root.
const ConfigFile = "site.toml"

// Config reads site.toml; a site without one gets the defaults.
func Config(site fs.FS, diags *diag.List) content.Config {
	cfg := content.DefaultConfig()
	data, err := fs.ReadFile(site, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg
	}
	if err != nil {
		diags.Errorf(diag.Pos{File: ConfigFile}, "read", "lecture impossible : %v", err)
		return cfg
	}
	text, off, problem := load.Clean(data)
	src := diag.NewSource(ConfigFile, text)
	if problem != "" {
		diags.Errorf(src.Pos(off), "encoding", "%s", problem)
		return cfg
	}
	doc := &document{src: src, closeLine: len(strings.Split(string(text), "\n")), diags: diags}
	raw := map[string]any{}
	if _, err := toml.Decode(string(text), &raw); err != nil {
		reportTOML(doc, text, err)
		return cfg
	}
	doc.locs = locateKeys(text)
	fl := &fields{doc: doc, raw: raw}
	if s := fl.String("title", false); s != "" {
		cfg.Title = s
	}
	cfg.Description = fl.String("description", false)
	if s := fl.String("baseURL", false); s != "" {
		if problem := CheckBaseURL(s); problem != "" {
			diags.Errorf(fl.valuePos("baseURL"), "bad-url", "baseURL « %s » invalide : %s", s, problem)
		} else {
			cfg.BaseURL = strings.TrimSuffix(s, "/") + "/"
		}
	}
	if s := fl.String("language", false); s != "" {
		cfg.Language = s
	}
	if s := fl.String("theme", false); s != "" {
		cfg.Theme = s
	}
	if n := fl.Int("paginate", 1, 1000); n > 0 {
		cfg.Paginate = n
	}
	if s := fl.OneOf("accessibility", []string{"totalement conforme", "partiellement conforme", "non conforme"}); s != "" {
		cfg.Accessibility = s
	}
	md := fl.Table("markdown")
	cfg.UnsafeHTML = md.Bool("unsafe")
	md.Unknown(nil)
	org := fl.Table("organization")
	cfg.Organization = content.Organization{
		Name:    org.String("name", false),
		Address: org.String("address", false),
		Email:   org.String("email", false),
		Phone:   org.String("phone", false),
	}
	org.Unknown(nil)
	fl.Unknown(nil)
	return cfg
}

// CheckBaseURL says in French what is wrong with the address of the
// published site, "" when it is an absolute http or https URL. site.toml
// and the -baseURL flag follow the same rules: an address without scheme
// ("//evil.example/") or with another one ("javascript:") would end up in
// every canonical link and feed.
func CheckBaseURL(s string) string {
	const example = " ; donnez l'adresse complète du site publié, par exemple « https://terre-de-talents.fr/ »"
	for _, r := range s {
		if r <= ' ' || r == 0x7f || r == 0x85 || r == 0xa0 || (r >= 0x2000 && r <= 0x200f) || (r >= 0x2028 && r <= 0x202f) || r == 0xfeff {
			return "elle contient une espace ou un caractère invisible" + example
		}
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "ce n'est pas une adresse web" + example
	case u.Scheme != "http" && u.Scheme != "https" || u.Opaque != "":
		return "elle doit commencer par https:// (ou http://)" + example
	case u.Hostname() == "":
		return "le nom de domaine manque après https://" + example
	case u.User != nil:
		return "elle ne doit pas contenir d'identifiant ni de mot de passe (« nom@ »)" + example
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.ContainsAny(s, "?#"):
		return "elle ne doit contenir ni « ? » ni « # »" + example
	}
	return ""
}
