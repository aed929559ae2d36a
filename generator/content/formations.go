package content

import (
	"sort"
	"strconv"
	"strings"

	"terredetalents/generator/diag"
)

// Trainings: the training paths, at /formations/<slug>/, with their
// sessions.

// KindTraining is the kind of a training page, and its layout.
const KindTraining Kind = "formation"

var _ = Register(&SectionDef{
	Name: Trainings, Kind: KindTraining, New: "formation",
	Title: "Formations", One: "formation", Many: "formations",
	Menu: 2, TermOrder: 1, Order: ByTitle,
	FrontMatter: func() any { return &Training{} },
	Funcs: func(s *Site) map[string]any {
		return map[string]any{
			"upcoming":     ArgsOnly{s.UpcomingSessions},
			"nextSession":  ArgsOnly{s.NextSession},
			"nextSessions": s.NextSessions,
		}
	},
})

// Trainings is the folder of the formations, and the first segment of their URLs.
const Trainings = "formations"

// Modes are the ways a training is taught.
var Modes = []string{"présentiel", "distanciel", "hybride", "alternance"}

// Training is the front matter of a training path.
type Training struct {
	Provider      string    `fm:"provider,required" label:"Organisme de formation" example:"\"Campus des Métiers de l'Union\""`
	Town          string    `fm:"town,required" taxonomy:"town" label:"Commune" example:"\"Tourcoing\""`
	Skills        []string  `fm:"skills,required" taxonomy:"skills" label:"Compétences enseignées" example:"[\"Soudure\", \"Lecture de plans\"]"`
	Level         int       `fm:"level" min:"3" max:"8" label:"Niveau de qualification (3 : CAP … 8 : doctorat)" example:"4"`
	RNCP          string    `fm:"rncp" label:"Code RNCP" example:"\"RNCP37674\""`
	DurationHours int       `fm:"duration_hours" min:"1" max:"10000" label:"Durée en heures" example:"400"`
	Mode          string    `fm:"mode" oneof:"présentiel|distanciel|hybride|alternance" label:"Modalité" example:"\"alternance\""`
	Funding       []string  `fm:"funding" label:"Financements" example:"[\"CPF\", \"Région Hauts-de-France\"]"`
	Partners      []Ref     `fm:"partners" ref:"entreprises" label:"Entreprises partenaires" example:"[\"atelier-lainier-du-nord\"]"`
	ROME          []string  `fm:"rome" label:"Codes ROME des métiers visés" example:"[\"H2913\"]"`
	Registration  string    `fm:"registration" url:"contact" label:"Inscription (courriel ou adresse web)" example:"\"https://www.exemple.fr/inscription\""`
	Contact       string    `fm:"contact" label:"Contact (téléphone ou courriel)" example:"\"03 20 00 00 00\""`
	CPF           bool      `fm:"cpf" label:"Éligible au CPF (Mon Compte Formation)" example:"true"`
	Sessions      []Session `fm:"sessions" label:"Sessions"`
}

// NextSession is the first upcoming session of a training, or nil.
func (s *Site) NextSession(t *Training) *Session {
	if up := s.UpcomingSessions(t); len(up) > 0 {
		return &up[0]
	}
	return nil
}

// Session is one run of a training: a [[sessions]] block.
type Session struct {
	Start Date     `fm:"start,required" label:"Début" example:"2027-01-15"`
	End   Date     `fm:"end" label:"Fin" example:"2027-06-30"`
	Seats int      `fm:"seats" min:"1" max:"10000" label:"Places" example:"12"`
	Pos   diag.Pos `pos:""` // the [[sessions]] line
}

// Training returns the training front matter of a page, or nil.
func (p *Page) Training() *Training { t, _ := p.Data.(*Training); return t }

// Trainings are the trainings carrying a term.
func (t *Term) Trainings() []*Page { return t.Group(Trainings) }

// Check normalizes the RNCP code and compares the dates of each session.
func (t *Training) Check(c Checks) {
	if t.RNCP != "" {
		norm := strings.ToUpper(strings.ReplaceAll(t.RNCP, " ", ""))
		digits := strings.TrimPrefix(norm, "RNCP")
		if len(digits) < 3 || len(digits) > 6 || strings.Trim(digits, "0123456789") != "" {
			c.Errorf("rncp", "bad-value",
				"code RNCP « %s » invalide : il s'écrit RNCP suivi de chiffres, par exemple « RNCP37674 » (voir la fiche sur francecompetences.fr)", t.RNCP)
			t.RNCP = ""
		} else {
			t.RNCP = "RNCP" + digits
		}
	}
	for i, s := range t.Sessions {
		if !s.End.IsZero() && !s.Start.IsZero() && s.End.Before(s.Start.Time) {
			c.Errorf("sessions."+strconv.Itoa(i)+".end", "session-end-before-start",
				"la session finit le %s, avant de commencer le %s : vérifiez les dates « start » et « end »", s.End.French(), s.Start.French())
		}
	}
}

// CheckSite warns about a training whose sessions have all started: the
// page would show no upcoming session.
func (t *Training) CheckSite(s *Site, p *Page, diags *diag.List) {
	if len(s.UpcomingSessions(t)) > 0 {
		return
	}
	// Sessions without a valid start were reported by the parser already.
	var last *Session
	for i, sess := range t.Sessions {
		if !sess.Start.IsZero() && (last == nil || sess.Start.After(last.Start.Time)) {
			last = &t.Sessions[i]
		}
	}
	if last == nil {
		return
	}
	diags.Warnf(last.Pos, "sessions-past",
		"toutes les sessions de cette formation ont commencé (la dernière le %s) : ajoutez les prochaines sessions, la page n'en affiche aucune à venir",
		last.Start.French())
}

// UpcomingSessions returns the sessions of a training that start today or
// later, by calendar date, at the site's "now".
func (s *Site) UpcomingSessions(t *Training) []Session {
	today := Today(s.Now)
	var out []Session
	for _, sess := range t.Sessions {
		if !sess.Start.Before(today) {
			out = append(out, sess)
		}
	}
	return out
}

// UpcomingSession is a session with its training, for the home page.
type UpcomingSession struct {
	Page    *Page
	Session Session
}

// NextSessions returns the n sessions that start soonest, all trainings
// together.
func (s *Site) NextSessions(n int) []UpcomingSession {
	var all []UpcomingSession
	if sec := s.Section(Trainings); sec != nil {
		for _, p := range sec.Pages {
			for _, sess := range s.UpcomingSessions(p.Training()) {
				all = append(all, UpcomingSession{p, sess})
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i].Session.Start.Time, all[j].Session.Start.Time
		if !a.Equal(b) {
			return a.Before(b)
		}
		return all[i].Page.URL < all[j].Page.URL
	})
	return all[:min(n, len(all))]
}

// Search adds the provider, the RNCP and ROME codes and the mode.
func (t *Training) Search(p *Page) SearchInfo {
	meta := t.Provider + " · " + t.Town
	if t.Level > 0 {
		meta += " · niveau " + strconv.Itoa(t.Level)
	}
	terms := append(append([]string{t.Provider, t.RNCP, t.Mode}, t.Funding...), t.ROME...)
	if t.CPF {
		terms = append(terms, "CPF", "Mon Compte Formation")
	}
	return SearchInfo{Terms: terms, Meta: meta, Level: t.Level}
}

type apiSession struct {
	Start string `json:"start"`
	End   string `json:"end,omitempty"`
	Seats int    `json:"seats,omitempty"`
}

type apiTraining struct {
	APICommon
	Provider      string       `json:"provider"`
	Town          string       `json:"town"`
	Skills        []string     `json:"skills"`
	Level         int          `json:"level,omitempty"`
	RNCP          string       `json:"rncp,omitempty"`
	DurationHours int          `json:"duration_hours,omitempty"`
	Mode          string       `json:"mode,omitempty"`
	Funding       []string     `json:"funding"`
	ROME          []string     `json:"rome"`
	Sessions      []apiSession `json:"sessions"`
	Registration  string       `json:"registration,omitempty"`
	Contact       string       `json:"contact,omitempty"`
	CPF           bool         `json:"cpf"`
	Partners      []APIRef     `json:"partners"`
	Stories       []APIRef     `json:"stories"`
}

// OpenData is the training's record in /api/formations.json.
func (t *Training) OpenData(s *Site, p *Page, abs func(string) string) any {
	item := apiTraining{APICommon: NewAPICommon(p, abs), Provider: t.Provider, Town: t.Town, Skills: List(t.Skills),
		Level: t.Level, RNCP: t.RNCP, DurationHours: t.DurationHours, Mode: t.Mode, Funding: List(t.Funding),
		ROME: List(t.ROME), Sessions: []apiSession{}, Registration: t.Registration, Contact: t.Contact, CPF: t.CPF, Partners: APIRefs(s.RefsOut(p, "partners"), abs), Stories: APIRefs(s.RefsIn(p, Stories), abs)}
	for _, sess := range t.Sessions {
		item.Sessions = append(item.Sessions, apiSession{Start: sess.Start.ISO(), End: sess.End.ISO(), Seats: sess.Seats})
	}
	return item
}

type ldCourse struct {
	Context           string             `json:"@context"`
	Type              string             `json:"@type"`
	Description       string             `json:"description"`
	HasCourseInstance []ldInstance       `json:"hasCourseInstance,omitempty"`
	InLanguage        string             `json:"inLanguage"`
	Name              string             `json:"name"`
	CredentialAwarded *ldCredential      `json:"occupationalCredentialAwarded,omitempty"`
	Provider          LDOrganizationName `json:"provider"`
	Teaches           []string           `json:"teaches,omitempty"`
	TimeRequired      string             `json:"timeRequired,omitempty"`
	URL               string             `json:"url"`
}

type ldCredential struct {
	Type               string `json:"@type"`
	CredentialCategory string `json:"credentialCategory"`
	Name               string `json:"name"`
	URL                string `json:"url"`
}

type ldInstance struct {
	Type       string  `json:"@type"`
	CourseMode string  `json:"courseMode"`
	EndDate    string  `json:"endDate,omitempty"`
	Location   LDPlace `json:"location"`
	Capacity   int     `json:"maximumAttendeeCapacity,omitempty"`
	StartDate  string  `json:"startDate"`
}

// JSONLD describes the training as a schema.org Course with a
// CourseInstance for each upcoming session.
func (t *Training) JSONLD(s *Site, p *Page, abs func(string) string) any {
	c := ldCourse{
		Context:     SchemaOrg,
		Type:        "Course",
		Description: p.Summary,
		InLanguage:  s.Config.Language,
		Name:        p.Title,
		Provider:    LDOrganizationName{Type: "Organization", Name: t.Provider},
		Teaches:     t.Skills,
		URL:         abs(p.URL),
	}
	if t.RNCP != "" {
		c.CredentialAwarded = &ldCredential{
			Type:               "EducationalOccupationalCredential",
			CredentialCategory: "Certification enregistrée au RNCP",
			Name:               t.RNCP,
			URL:                "https://www.francecompetences.fr/recherche/rncp/" + strings.TrimPrefix(t.RNCP, "RNCP") + "/",
		}
	}
	if t.DurationHours > 0 {
		c.TimeRequired = "PT" + strconv.Itoa(t.DurationHours) + "H"
	}
	for _, sess := range s.UpcomingSessions(t) {
		inst := ldInstance{
			Type:       "CourseInstance",
			CourseMode: courseMode(t.Mode),
			StartDate:  sess.Start.ISO(),
			Location:   LDPlace{Type: "Place", Address: NewAddress(t.Town, ""), Name: t.Provider},
		}
		if !sess.End.IsZero() {
			inst.EndDate = sess.End.ISO()
		}
		if sess.Seats > 0 {
			inst.Capacity = sess.Seats
		}
		c.HasCourseInstance = append(c.HasCourseInstance, inst)
	}
	return c
}

// courseMode maps our modes to schema.org's vocabulary.
func courseMode(mode string) string {
	switch mode {
	case "distanciel":
		return "online"
	case "hybride", "alternance":
		return "blended"
	}
	return "onsite"
}
