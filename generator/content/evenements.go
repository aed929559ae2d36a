package content

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Paris on any machine, for reproducible times

	"terredetalents/generator/diag"
)

// Events: job datings, job fairs, information sessions, company visits, at
// /evenements/<slug>/, each with its iCalendar file; /evenements/ lists
// the upcoming ones, soonest first, and /evenements/calendrier.ics holds
// them all for a phone calendar to subscribe to.

// KindEvent is the kind of an event page, and its layout.
const KindEvent Kind = "evenement"

// Events is the folder of the events, and the first segment of their URLs.
const Events = "evenements"

var _ = Register(&SectionDef{
	Name: Events, Kind: KindEvent, New: "evenement",
	Title: "Événements", One: "événement", Many: "événements",
	Menu: 4, TermOrder: 0, Order: SoonestFirst,
	FrontMatter: func() any { return &Event{} },
	Files:       eventCalendar,
	Funcs: func(s *Site) map[string]any {
		return map[string]any{
			// upcomingEvents lists the next n events of the site.
			"upcomingEvents": func(n int) []*Page {
				if sec := s.Section(Events); sec != nil {
					return sec.Pages[:min(n, len(sec.Pages))]
				}
				return nil
			},
			"eventPast": ArgsOnly{func(p *Page) bool { return !p.Listed(s.Now) }},
			// eventDate writes a start or an end as people read it:
			// "jeudi 12 mars 2027 à 9 h 30"; eventISO for <time datetime>.
			"eventDate": ArgsOnly{func(d Date) string {
				if d.IsZero() {
					return ""
				}
				return frenchWeekdays[d.Weekday()] + " " + strings.TrimPrefix(frenchDateTime(d), "le ")
			}},
			"eventISO":  ArgsOnly{isoInParis},
			"eventWhen": ArgsOnly{func(e *Event) string { return e.When() }},
		}
	},
})

// EventKinds are the kinds of events.
var EventKinds = []string{"job dating", "forum", "atelier", "information collective", "visite d'entreprise"}

// Paris is the time zone of every event's local times.
var Paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err) // time/tzdata is embedded: cannot happen
	}
	return loc
}()

// Event is the front matter of an event.
type Event struct {
	Start        Date     `fm:"start,required" label:"Début (date et heure, heure de Paris)" example:"2027-03-12T09:30:00"`
	End          Date     `fm:"end" label:"Fin (date et heure)" example:"2027-03-12T12:30:00"`
	Kind         string   `fm:"kind,required" oneof:"job dating|forum|atelier|information collective|visite d'entreprise" label:"Type d'événement" example:"\"job dating\""`
	Place        string   `fm:"place,required" label:"Lieu" example:"\"Maison de l'emploi\""`
	Town         string   `fm:"town,required" taxonomy:"town" label:"Commune" example:"\"Roubaix\""`
	Address      string   `fm:"address" label:"Adresse" example:"\"40 rue du Grand-Chemin, 59100 Roubaix\""`
	Registration string   `fm:"registration" url:"contact" label:"Inscription (courriel ou adresse web)" example:"\"https://www.exemple.fr/inscription\""`
	Companies    []Ref    `fm:"companies" ref:"entreprises" label:"Entreprises présentes (noms de fichiers)" example:"[\"watt-renov\"]"`
	Trainings    []Ref    `fm:"trainings" ref:"formations" label:"Formations présentées (noms de fichiers)" example:"[\"cuisinier\"]"`
	Skills       []string `fm:"skills" taxonomy:"skills" label:"Compétences recherchées ou présentées" example:"[\"Relation client\"]"`
}

// Event returns the event front matter of a page, or nil.
func (p *Page) Event() *Event { e, _ := p.Data.(*Event); return e }

// Events are the upcoming events carrying a term.
func (t *Term) Events() []*Page { return t.Group(Events) }

// StartsAt is when the event starts, in Paris.
func (e *Event) StartsAt() time.Time { return inParis(e.Start) }

// EndsAt is when the event ends: its end, or the end of its day when only
// a day or a start was given.
func (e *Event) EndsAt() time.Time {
	if !e.End.IsZero() {
		if !e.End.HasTime {
			return inParis(e.End).AddDate(0, 0, 1)
		}
		return inParis(e.End)
	}
	start := inParis(e.Start)
	return time.Date(start.Year(), start.Month(), start.Day()+1, 0, 0, 0, 0, Paris)
}

// inParis reads a local date-time of front matter as Paris time.
func inParis(d Date) time.Time {
	t := d.Time
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, Paris)
}

// Listed: an event is announced until it ends; then its page stays,
// marked as past, and it leaves every list.
func (e *Event) Listed(now time.Time) bool { return now.Before(e.EndsAt()) }

// Check compares the end with the start.
func (e *Event) Check(c Checks) {
	if !e.End.IsZero() && !e.Start.IsZero() && e.EndsAt().Before(e.StartsAt()) {
		c.Errorf("end", "event-end-before-start",
			"l'événement finit %s, avant de commencer %s : vérifiez les champs « start » et « end »", frenchDateTime(e.End), frenchDateTime(e.Start))
	}
}

// CheckSite warns about an event that is over: its page stays online,
// marked as past, but it has left the lists.
func (e *Event) CheckSite(s *Site, p *Page, diags *diag.List) {
	if e.Start.IsZero() || p.Listed(s.Now) {
		return
	}
	diags.Warnf(p.Position("start"), "event-past",
		"cet événement est passé (%s) : sa page reste en ligne, marquée comme passée, mais il n'est plus annoncé ; retirez-le ou mettez-le en brouillon s'il n'a plus d'intérêt",
		frenchDateTime(e.Start))
}

// When says when the event takes place, as people read it: "vendredi 12
// mars 2027, de 9 h 30 à 12 h 30".
func (e *Event) When() string {
	day := func(d Date) string { return frenchWeekdays[d.Weekday()] + " " + d.French() }
	clock := func(d Date) string {
		if d.Minute() == 0 {
			return fmt.Sprintf("%d h", d.Hour())
		}
		return fmt.Sprintf("%d h %02d", d.Hour(), d.Minute())
	}
	s, end := e.Start, e.End
	switch {
	case end.IsZero() && !s.HasTime:
		return day(s)
	case end.IsZero():
		return day(s) + " à " + clock(s)
	case end.ISO() == s.ISO() && s.HasTime && end.HasTime:
		return day(s) + ", de " + clock(s) + " à " + clock(end)
	case end.ISO() == s.ISO():
		return day(s)
	case s.HasTime && end.HasTime:
		return "du " + day(s) + " à " + clock(s) + " au " + day(end) + " à " + clock(end)
	}
	return "du " + day(s) + " au " + day(end)
}

var frenchWeekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

// frenchDateTime writes "12 mars 2027 à 9 h 30", or the day alone.
func frenchDateTime(d Date) string {
	if !d.HasTime {
		return "le " + d.French()
	}
	s := "le " + d.French() + " à " + fmt.Sprintf("%d h", d.Hour())
	if d.Minute() > 0 {
		s += fmt.Sprintf(" %02d", d.Minute())
	}
	return s
}

// Search adds the kind and the place; an event is found by its day too.
func (e *Event) Search(p *Page) SearchInfo {
	return SearchInfo{
		Terms: []string{e.Kind, e.Place, "événement"},
		Meta:  strings.TrimPrefix(frenchDateTime(e.Start), "le ") + " · " + e.Town + " · " + e.Kind,
	}
}

type apiEvent struct {
	APICommon
	Start        string   `json:"start"`
	End          string   `json:"end,omitempty"`
	Kind         string   `json:"kind"`
	Place        string   `json:"place"`
	Town         string   `json:"town"`
	Address      string   `json:"address,omitempty"`
	Registration string   `json:"registration,omitempty"`
	Companies    []APIRef `json:"companies"`
	Trainings    []APIRef `json:"trainings"`
	Skills       []string `json:"skills"`
	Calendar     string   `json:"calendar"`
}

// OpenData is the event's record in /api/evenements.json.
func (e *Event) OpenData(s *Site, p *Page, abs func(string) string) any {
	item := apiEvent{APICommon: NewAPICommon(p, abs), Start: isoInParis(e.Start), End: isoInParis(e.End), Kind: e.Kind,
		Place: e.Place, Town: e.Town, Address: e.Address, Registration: e.Registration,
		Companies: APIRefs(s.RefsOut(p, "companies"), abs), Trainings: APIRefs(s.RefsOut(p, "trainings"), abs),
		Skills: List(e.Skills), Calendar: abs(p.URL + EventICS)}
	return item
}

// isoInParis writes a date-time with the Europe/Paris offset of that day
// (2027-03-12T09:30:00+01:00), or a date alone.
func isoInParis(d Date) string {
	switch {
	case d.IsZero():
		return ""
	case !d.HasTime:
		return d.ISO()
	}
	return inParis(d).Format(time.RFC3339)
}

type ldEvent struct {
	Context             string              `json:"@context"`
	Type                string              `json:"@type"`
	Description         string              `json:"description"`
	EndDate             string              `json:"endDate,omitempty"`
	EventAttendanceMode string              `json:"eventAttendanceMode"`
	EventStatus         string              `json:"eventStatus"`
	InLanguage          string              `json:"inLanguage"`
	IsAccessibleForFree bool                `json:"isAccessibleForFree"`
	Location            LDPlace             `json:"location"`
	Name                string              `json:"name"`
	Offers              *ldEventOffer       `json:"offers,omitempty"`
	Organizer           *LDOrganizationName `json:"organizer,omitempty"`
	StartDate           string              `json:"startDate"`
	URL                 string              `json:"url"`
}

type ldEventOffer struct {
	Type          string `json:"@type"`
	Availability  string `json:"availability"`
	Price         string `json:"price"`
	PriceCurrency string `json:"priceCurrency"`
	URL           string `json:"url"`
}

// JSONLD describes the event as a schema.org Event, its times with the
// Europe/Paris offset of their day.
func (e *Event) JSONLD(s *Site, p *Page, abs func(string) string) any {
	ev := ldEvent{
		Context:             SchemaOrg,
		Type:                "Event",
		Description:         p.Summary,
		EndDate:             isoInParis(e.End),
		EventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
		EventStatus:         "https://schema.org/EventScheduled",
		InLanguage:          s.Config.Language,
		IsAccessibleForFree: true,
		Location:            LDPlace{Type: "Place", Address: NewAddress(e.Town, e.Address), Name: e.Place},
		Name:                p.Title,
		StartDate:           isoInParis(e.Start),
		URL:                 abs(p.URL),
	}
	if org := s.Config.Organization.Name; org != "" {
		ev.Organizer = &LDOrganizationName{Type: "Organization", Name: org, URL: abs("/")}
	}
	if e.Registration != "" {
		ev.Offers = &ldEventOffer{Type: "Offer", Availability: "https://schema.org/InStock", Price: "0", PriceCurrency: "EUR", URL: e.Registration}
	}
	return ev
}

// EventICS is the name of an event's iCalendar file, beside its page.
const EventICS = "evenement.ics"

// Files is the event's own iCalendar file.
func (e *Event) Files(s *Site, p *Page, abs func(string) string) map[string][]byte {
	return map[string][]byte{EventICS: calendar(s, abs, []*Page{p})}
}

// eventCalendar is /evenements/calendrier.ics: every upcoming event.
func eventCalendar(s *Site, abs func(string) string) map[string][]byte {
	var pages []*Page
	if sec := s.Section(Events); sec != nil {
		pages = sec.Pages
	}
	return map[string][]byte{Events + "/calendrier.ics": calendar(s, abs, pages)}
}

// calendar writes an iCalendar file (RFC 5545): CRLF line ends, lines
// folded at 75 octets, text escaped, local times in Europe/Paris with its
// VTIMEZONE, a UID stable across builds and a DTSTAMP taken from the
// content, so that the same input gives the same bytes.
func calendar(s *Site, abs func(string) string, pages []*Page) []byte {
	var b strings.Builder
	line := func(name, value string) { foldLine(&b, name+":"+value) }
	host := "terre-de-talents"
	if u, err := url.Parse(abs("/")); err == nil && u.Host != "" {
		host = u.Host
	}
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Terre de talents//Evenements//FR")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("X-WR-CALNAME", icsText(s.Config.Title+" · événements"))
	line("X-WR-TIMEZONE", "Europe/Paris")
	b.WriteString(parisTimezone)
	sorted := append([]*Page(nil), pages...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].URL < sorted[j].URL })
	for _, p := range sorted {
		e := p.Event()
		line("BEGIN", "VEVENT")
		line("UID", strings.Trim(strings.ReplaceAll(p.URL, "/", "-"), "-")+"@"+host)
		stamp := p.Date.Time
		if stamp.IsZero() {
			stamp = e.StartsAt()
		}
		line("DTSTAMP", stamp.UTC().Format("20060102T150405Z"))
		if e.Start.HasTime {
			line("DTSTART;TZID=Europe/Paris", e.Start.Format("20060102T150405"))
			if !e.End.IsZero() {
				if e.End.HasTime {
					line("DTEND;TZID=Europe/Paris", e.End.Format("20060102T150405"))
				} else {
					line("DTEND;VALUE=DATE", e.End.AddDate(0, 0, 1).Format("20060102"))
				}
			}
		} else {
			line("DTSTART;VALUE=DATE", e.Start.Format("20060102"))
			end := e.Start.Time
			if !e.End.IsZero() {
				end = e.End.Time
			}
			line("DTEND;VALUE=DATE", end.AddDate(0, 0, 1).Format("20060102"))
		}
		line("SUMMARY", icsText(p.Title))
		line("DESCRIPTION", icsText(p.Summary))
		where := []string{e.Place}
		if e.Address != "" {
			where = append(where, e.Address)
		} else {
			where = append(where, e.Town)
		}
		line("LOCATION", icsText(strings.Join(where, ", ")))
		line("CATEGORIES", icsText(e.Kind))
		line("URL", abs(p.URL))
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return []byte(b.String())
}

// icsText escapes a TEXT value: backslash, semicolon, comma, new line.
func icsText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// foldLine writes a content line, folded so that no line exceeds 75
// octets, never inside a UTF-8 sequence, each ended by CRLF.
func foldLine(b *strings.Builder, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut-- // do not split a character
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}

// parisTimezone is the VTIMEZONE of Europe/Paris since 1996: summer time
// from the last Sunday of March to the last Sunday of October.
const parisTimezone = "BEGIN:VTIMEZONE\r\n" +
	"TZID:Europe/Paris\r\n" +
	"BEGIN:DAYLIGHT\r\n" +
	"TZOFFSETFROM:+0100\r\n" +
	"TZOFFSETTO:+0200\r\n" +
	"TZNAME:CEST\r\n" +
	"DTSTART:19700329T020000\r\n" +
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n" +
	"END:DAYLIGHT\r\n" +
	"BEGIN:STANDARD\r\n" +
	"TZOFFSETFROM:+0200\r\n" +
	"TZOFFSETTO:+0100\r\n" +
	"TZNAME:CET\r\n" +
	"DTSTART:19701025T030000\r\n" +
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" +
	"END:STANDARD\r\n" +
	"END:VTIMEZONE\r\n"
