package render

import (
	"encoding/xml"
	"html"
	"sort"
	"time"

	"terredetalents/generator/content"
)

// maxFeedItems bounds a feed: readers want the news, not the archive.
const maxFeedItems = 50

// rss is an RSS 2.0 document, with an atom:link to itself as validators ask.
type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        rssGUID `xml:"guid"`
	Description string  `xml:"description"`
	PubDate     string  `xml:"pubDate,omitempty"`
	Category    string  `xml:"category,omitempty"`
}

type rssGUID struct {
	Value       string `xml:",chardata"`
	IsPermaLink bool   `xml:"isPermaLink,attr"`
}

// feed is one RSS file: the whole site's or a section's.
type feed struct {
	File  string // "index.xml", "entreprises/index.xml"
	Title string
	Link  string // the page the feed follows
	Pages []*content.Page
}

// feeds lists the site's feeds: the site's and one per section.
func feeds(site *content.Site) []feed {
	var all []*content.Page
	for _, sec := range site.Sections {
		all = append(all, sec.Pages...)
	}
	out := []feed{{File: "index.xml", Title: site.Config.Title, Link: "/", Pages: all}}
	for _, sec := range site.Sections {
		out = append(out, feed{File: sec.Name + "/index.xml", Title: sec.Title + " · " + site.Config.Title, Link: sec.URL, Pages: sec.Pages})
	}
	return out
}

// FeedURL is the site URL of a feed file.
func (f feed) URL() string { return "/" + f.File }

// encode writes the feed, newest pages first, with absolute URLs.
func (f feed) encode(site *content.Site, abs func(string) string) ([]byte, error) {
	pages := append([]*content.Page(nil), f.Pages...)
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := pages[i].Date.Time, pages[j].Date.Time
		if !a.Equal(b) {
			return a.After(b)
		}
		return pages[i].URL < pages[j].URL
	})
	if len(pages) > maxFeedItems {
		pages = pages[:maxFeedItems]
	}
	ch := rssChannel{
		Title:       f.Title,
		Link:        abs(f.Link),
		Description: site.Config.Description,
		Language:    site.Config.Language,
		Self:        atomLink{Href: abs(f.URL()), Rel: "self", Type: "application/rss+xml"},
	}
	if ch.Description == "" {
		ch.Description = f.Title
	}
	// A description is HTML for feed readers: the text is escaped for HTML
	// here, and for XML by the encoder, so that a summary holding "<img"
	// stays text in every reader.
	ch.Description = html.EscapeString(ch.Description)
	// The newest content date, not the clock: the same input builds the
	// same feed.
	if len(pages) > 0 && !pages[0].Date.IsZero() {
		ch.LastBuildDate = pages[0].Date.Format(time.RFC1123Z)
	}
	for _, p := range pages {
		item := rssItem{
			Title:       p.Title,
			Link:        abs(p.URL),
			GUID:        rssGUID{Value: abs(p.URL), IsPermaLink: true},
			Description: html.EscapeString(p.Summary),
			Category:    string(p.Kind),
		}
		if !p.Date.IsZero() {
			item.PubDate = p.Date.Format(time.RFC1123Z)
		}
		ch.Items = append(ch.Items, item)
	}
	data, err := xml.MarshalIndent(rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Channel: ch}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(data, '\n')...), nil
}
