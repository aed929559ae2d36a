// Package synth writes synthetic Terre de talents sites of any size, for
// benchmarks and for measuring build speed on large sites.
//
// A site of N pages has about 35 % companies, 25 % trainings and 40 %
// success stories, plus the home page, the "à propos" page, the
// accessibility statement and the legal notice. Every page is valid for the
// generator: required fields present, values in range, references
// (partners, company, training) naming pages of the site, unique titles and
// therefore unique slugs. Skills (about 300), sectors (20) and towns (a
// dozen around Roubaix) are French names with accents, so that slugs,
// folding and search see realistic input. Bodies average about 6 KB of
// French-like Markdown with headings, lists, emphasis, the occasional table
// and links between pages.
//
// The content is as varied as what the staff write, because our own tidy
// sites once hid every false alarm of check: prose that says "à compléter",
// quotations, numbers and dates; a long tail of skills (the most used on
// about a tenth of the pages, hundreds used on one or two); body links to
// pages and terms; aliases; bundles with a logo or a photo; sessions in the
// past and in the future; drafts and pages dated in the future. A few
// mistakes are made on purpose, at fixed places, so that a test can expect
// exactly their warnings: body links to removed pages and to drafts
// (broken-link), a plural spelling of a skill (near-term), trainings whose
// sessions are all past (sessions-past), and pages waiting for their date
// (future). Expected tells how many of each a site has.
//
// The same Options always give the same files, byte for byte: every random
// choice comes from PCG sources seeded from Options.Seed, and no map is
// iterated.
package synth

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"terredetalents/generator/content"
)

// Options of a generated site.
type Options struct {
	// Pages is the number of pages in the three sections. The home page
	// and the three plain pages come on top.
	Pages int
	// Seed chooses the site: the same Pages and Seed give the same files.
	Seed int64
}

// Shares of the sections, and the size of the vocabularies.
const (
	companyShare  = 0.35
	trainingShare = 0.25
	skillCount    = 300
)

// Streams of the PCG sources: one for the plan of the site, one per page
// body, so that the bodies can be written in parallel and in any order.
const (
	planStream = 0x7465727265 // "terre"
	bodySalt   = 0x74616c656e7473
)

// Write writes a complete site (site.toml + content/) with about
// opts.Pages content pages into dir (which must exist and be empty or
// absent).
func Write(dir string, opts Options) error {
	if opts.Pages < 1 {
		return fmt.Errorf("synth : %d page demandée, il en faut au moins 1", opts.Pages)
	}
	if err := prepare(dir); err != nil {
		return err
	}
	s := plan(opts)
	for _, sub := range []string{content.Companies, content.Trainings, content.Stories} {
		if err := os.MkdirAll(filepath.Join(dir, "content", sub), 0o755); err != nil {
			return fmt.Errorf("synth : %w", err)
		}
	}
	jobs := s.jobs()
	for _, j := range jobs {
		if strings.HasSuffix(j.path, "/index.md") && strings.Count(j.path, "/") == 3 {
			if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(path.Dir(j.path))), 0o755); err != nil {
				return fmt.Errorf("synth : %w", err)
			}
		}
	}
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for i := range next {
				buf.Reset()
				r := rand.New(rand.NewPCG(uint64(s.seed)^bodySalt, uint64(i)))
				jobs[i].render(&buf, r)
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(jobs[i].path)), buf.Bytes(), 0o644); err != nil {
					errs[i] = fmt.Errorf("synth : %w", err)
				}
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// prepare makes sure dir is an empty folder, creating it if needed.
func prepare(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("synth : %w", err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("synth : dossier %s inutilisable : %w", dir, err)
	case len(entries) > 0:
		return fmt.Errorf("synth : le dossier %s n'est pas vide : choisissez un dossier vide ou nouveau", dir)
	}
	return nil
}

// job is one file to write, by path relative to the site root.
type job struct {
	path   string
	render func(*bytes.Buffer, *rand.Rand)
}

// jobs lists every file of the site in a fixed order; the order gives each
// body its random stream.
func (s *site) jobs() []job {
	jobs := []job{
		{"site.toml", func(b *bytes.Buffer, _ *rand.Rand) { b.WriteString(siteTOML) }},
		{"content/_index.md", func(b *bytes.Buffer, _ *rand.Rand) { b.WriteString(homePage) }},
		{"content/a-propos.md", func(b *bytes.Buffer, _ *rand.Rand) { b.WriteString(aboutPage) }},
		{"content/accessibilite.md", func(b *bytes.Buffer, _ *rand.Rand) { b.WriteString(accessibilityPage) }},
		{"content/mentions-legales.md", func(b *bytes.Buffer, _ *rand.Rand) { b.WriteString(legalPage) }},
	}
	var images []job // after the pages, so that each page keeps its stream
	for i, c := range s.companies {
		jobs = append(jobs, job{pagePath(content.Companies, c.slug, c.bundle), func(b *bytes.Buffer, r *rand.Rand) { s.writeCompany(b, r, c) }})
		if c.bundle {
			images = append(images, job{"content/" + content.Companies + "/" + c.slug + "/logo.png", func(b *bytes.Buffer, _ *rand.Rand) { writePNG(b, i, 160, 160) }})
		}
	}
	for _, t := range s.trainings {
		jobs = append(jobs, job{pagePath(content.Trainings, t.slug, false), func(b *bytes.Buffer, r *rand.Rand) { s.writeTraining(b, r, t) }})
	}
	for i, st := range s.stories {
		jobs = append(jobs, job{pagePath(content.Stories, st.slug, st.bundle), func(b *bytes.Buffer, r *rand.Rand) { s.writeStory(b, r, st) }})
		if st.bundle {
			images = append(images, job{"content/" + content.Stories + "/" + st.slug + "/photo.png", func(b *bytes.Buffer, _ *rand.Rand) { writePNG(b, i, 480, 320) }})
		}
	}
	return append(jobs, images...)
}

// pagePath is where a page's file goes: a file, or index.md in a folder.
func pagePath(section, slug string, bundle bool) string {
	if bundle {
		return "content/" + section + "/" + slug + "/index.md"
	}
	return "content/" + section + "/" + slug + ".md"
}

// writePNG draws a small picture, its colours chosen by i: enough for the
// image stage to decode, measure and resize it.
func writePNG(b *bytes.Buffer, i, w, h int) {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	palette := []color.RGBA{{0xa6, 0x3d, 0x22, 0xff}, {0xd9, 0xa4, 0x41, 0xff}, {0x1d, 0x6b, 0x63, 0xff}, {0x23, 0x1c, 0x18, 0xff}}
	bg, fg := palette[i%4], palette[(i/4+1)%4]
	for y := range h {
		for x := range w {
			c := bg
			if (x/(8+i%16)+y/(8+i%16))%2 == 0 {
				c = fg
			}
			m.SetRGBA(x, y, c)
		}
	}
	png.Encode(b, m) // writing to a bytes.Buffer does not fail
}

// The plan of a site: every page's front matter, decided before any body
// is written so that bodies can link to any page.

type site struct {
	seed      int64
	skills    []string            // by popularity
	byDomain  map[string][]string // skills of each domain, by popularity
	companies []*company
	trainings []*training
	stories   []*story
	// employers lists the companies of each domain, so that trainings
	// partner with companies that hire for what they teach.
	employers map[string][]int
	tail      []string // rare skills, each on a page or two
	mistakes  map[string]int
	published int // pages of the three sections that a build publishes
}

// Where the mistakes made on purpose go: every mistakeEvery-th page of a
// kind, from a fixed offset, so that their number is known from the size.
const mistakeEvery = 250

type company struct {
	title, slug, summary string
	date                 time.Time
	domain               string
	sectors              []string
	town                 town
	skills               []string
	hiring, hasHiring    bool
	bundle               bool // a folder with index.md and logo.png
	aliases              []string
	size                 string
	founded              int
	website, address     string
	commitments          []string
	partnerOf            []int // trainings naming the company as partner
	storiesOf            []int // stories naming the company
}

type training struct {
	title, slug, summary, provider string
	date                           time.Time
	trade                          trade
	town                           town
	skills                         []string
	level                          int
	rncp                           string
	hours                          int
	mode                           string
	funding                        []string
	partners                       []int
	rome                           []string
	sessions                       []session
}

type session struct {
	start, end time.Time
	seats      int
}

type story struct {
	title, slug, summary string
	date                 time.Time
	draft                bool
	bundle               bool   // a folder with index.md and photo.png
	brokenLink           string // a body link to a page the site does not publish
	person               person
	job, kind            string
	company, training    int
	town                 town
	skills               []string
	quote                string
}

func plan(opts Options) *site {
	r := rand.New(rand.NewPCG(uint64(opts.Seed), planStream))
	n := opts.Pages
	nc := max(1, int(math.Round(float64(n)*companyShare)))
	nt := max(1, int(math.Round(float64(n)*trainingShare)))
	ns := max(0, n-nc-nt)
	s := &site{seed: opts.Seed, byDomain: map[string][]string{}, employers: map[string][]int{}}
	s.pickSkills(r)
	s.pickTail(r, n/3)
	taken := map[string]bool{}
	s.mistakes = map[string]int{}
	for i := range nc {
		c := s.newCompany(r, taken)
		s.vary(&c.skills, i, 0)
		c.bundle = i%8 == 3
		if i%10 == 5 {
			c.aliases = []string{"/entreprise/" + c.slug + "/"} // the address on the old site
		}
		s.employers[c.domain] = append(s.employers[c.domain], i)
		s.companies = append(s.companies, c)
	}
	for i := range nt {
		t := s.newTraining(r, taken)
		s.vary(&t.skills, i, 1)
		switch {
		case i%mistakeEvery == 11: // every session has started
			for j := range t.sessions {
				t.sessions[j].start = t.sessions[j].start.AddDate(-2, 0, 0)
				t.sessions[j].end = t.sessions[j].end.AddDate(-2, 0, 0)
			}
			s.mistakes["sessions-past"]++
		case i%3 == 0: // a past session before the coming ones
			past := t.sessions[0].start.AddDate(-1, -3, 0)
			t.sessions = append([]session{{start: past, end: past.AddDate(0, 4, 0), seats: t.sessions[0].seats}}, t.sessions...)
		}
		for _, p := range t.partners {
			s.companies[p].partnerOf = append(s.companies[p].partnerOf, i)
		}
		s.trainings = append(s.trainings, t)
	}
	for i := range ns {
		st := s.newStory(r, taken)
		s.vary(&st.skills, i, 2)
		st.bundle = i%10 == 7
		switch i % mistakeEvery {
		case 23:
			st.draft = true
		case 29:
			st.date = time.Date(2031, 3, 1+i%28, 0, 0, 0, 0, time.UTC) // waits for its date
			s.mistakes["future"]++
		case 41:
			st.brokenLink = "/" + content.Companies + "/ancienne-" + s.companies[st.company].slug + "/" // a page removed
			s.mistakes["broken-link"]++
		case 43:
			st.brokenLink = "/" + content.Stories + "/" + s.stories[i-20].slug + "/" // a draft
			s.mistakes["broken-link"]++
		}
		if !st.draft && !st.date.After(lastDate) {
			s.companies[st.company].storiesOf = append(s.companies[st.company].storiesOf, i)
			s.published++
		}
		s.stories = append(s.stories, st)
	}
	s.published += nc + nt
	// Last, so that no story copies it from its employer.
	for i := 17; i < len(s.companies); i += mistakeEvery {
		if plural, c := s.pluralSkill(), s.companies[i]; plural != "" && !containsSlug(c.skills, plural) {
			c.skills = append(c.skills, plural) // a plural spelling of a most used skill
			s.mistakes["near-term"]++
		}
	}
	return s
}

// pluralSkill is the plural of the most used skill that ends with a word
// of more than three letters ("Soudure TIG" does not, "Logistique" does).
func (s *site) pluralSkill() string {
	for _, sk := range s.skills[:min(len(s.skills), 10)] {
		words := strings.Fields(sk)
		last := words[len(words)-1]
		if utf8.RuneCountInString(last) > 3 && unicode.IsLetter([]rune(last)[len([]rune(last))-1]) && !strings.HasSuffix(last, "s") {
			return sk + "s"
		}
	}
	return ""
}

// vary gives one page in three of a kind a rare skill of the long tail.
func (s *site) vary(skills *[]string, i, kind int) {
	if (i+kind)%3 != 0 {
		return
	}
	if sk := s.tailSkill(i*3 + kind); sk != "" && !containsSlug(*skills, sk) {
		*skills = append(*skills, sk)
	}
}

// Expected returns what checking the site of opts reports, by finding
// code (the mistakes made on purpose), and under "published" the number of
// pages of the three sections that a build publishes.
func Expected(opts Options) map[string]int {
	s := plan(opts)
	out := map[string]int{"published": s.published}
	for k, v := range s.mistakes {
		out[k] = v
	}
	return out
}

// pickTail draws n rare skills: a skill and a setting ("Soudure en
// chantier naval"), each slug distinct from every other skill's.
func (s *site) pickTail(r *rand.Rand, n int) {
	seen := map[string]bool{}
	for _, sk := range s.skills {
		seen[content.Slugify(sk)] = true
	}
	var names []string // every skill with its named variants
	for _, b := range skillBases {
		names = append(names, b.name)
		for _, v := range b.variants {
			names = append(names, b.name+" "+v)
		}
	}
	for tries := 0; len(s.tail) < n && tries < 20*n; tries++ {
		name := pick(r, names) + " " + pick(r, tailSettings)
		if slug := content.Slugify(name); !seen[slug] {
			seen[slug] = true
			s.tail = append(s.tail, name)
		}
	}
}

// tailSkill returns a rare skill, the i-th page's own; "" when the site
// has none.
func (s *site) tailSkill(i int) string {
	if len(s.tail) == 0 {
		return ""
	}
	return s.tail[i%len(s.tail)]
}

// pickSkills draws the skill vocabulary: every skill and its named
// variants, completed with levelled variants ("Maintenance préventive
// niveau 2"), all with distinct slugs. Their order is their popularity.
func (s *site) pickSkills(r *rand.Rand) {
	type skill struct{ name, domain string }
	var plain, levelled []skill
	for _, b := range skillBases {
		names := []string{b.name}
		for _, v := range b.variants {
			names = append(names, b.name+" "+v)
		}
		for _, name := range names {
			plain = append(plain, skill{name, b.domain})
			for _, l := range skillLevels {
				levelled = append(levelled, skill{name + l, b.domain})
			}
		}
	}
	r.Shuffle(len(plain), func(i, j int) { plain[i], plain[j] = plain[j], plain[i] })
	r.Shuffle(len(levelled), func(i, j int) { levelled[i], levelled[j] = levelled[j], levelled[i] })
	seen := map[string]bool{}
	var chosen []skill
	for _, sk := range append(plain, levelled...) {
		if len(chosen) == skillCount {
			break
		}
		if slug := content.Slugify(sk.name); !seen[slug] {
			seen[slug] = true
			chosen = append(chosen, sk)
		}
	}
	r.Shuffle(len(chosen), func(i, j int) { chosen[i], chosen[j] = chosen[j], chosen[i] })
	for _, sk := range chosen {
		s.skills = append(s.skills, sk.name)
		s.byDomain[sk.domain] = append(s.byDomain[sk.domain], sk.name)
	}
}

// skillsFor returns k distinct skills, most of them of the domain.
func (s *site) skillsFor(r *rand.Rand, domain string, k int) []string {
	var out []string
	for tries := 0; len(out) < k && tries < 10*k; tries++ {
		list := s.skills
		if d := s.byDomain[domain]; len(d) > 0 && r.IntN(5) > 0 {
			list = d
		}
		sk := list[skewedSkill(r, len(list))]
		if !containsSlug(out, sk) {
			out = append(out, sk)
		}
	}
	for _, sk := range s.skills { // unlucky draws
		if len(out) == k {
			break
		}
		if !containsSlug(out, sk) {
			out = append(out, sk)
		}
	}
	return out
}

func (s *site) newCompany(r *rand.Rand, taken map[string]bool) *company {
	c := &company{date: randDate(r), town: pickTown(r)}
	c.title, c.slug = unique(r, taken, func() string {
		name := pick(r, companyPrefixes) + " " + pick(r, companyCores)
		switch k := r.IntN(10); {
		case k < 4:
		case k < 7:
			name += " " + pick(r, companySuffixes)
		default:
			name += " de " + c.town.name
		}
		return name
	})
	for _, i := range r.Perm(len(sectors))[:1+r.IntN(2)] {
		c.sectors = append(c.sectors, sectors[i].name)
		if c.domain == "" {
			c.domain = sectors[i].domain
		}
	}
	if r.IntN(10) < 9 {
		c.skills = s.skillsFor(r, c.domain, 1+r.IntN(6))
	}
	if r.IntN(20) < 17 {
		c.hasHiring, c.hiring = true, r.IntN(3) > 0
	}
	if r.IntN(20) < 17 {
		c.size = pick(r, sizes)
	}
	if r.IntN(4) < 3 {
		c.founded = 2024 - int(130*math.Pow(r.Float64(), 2))
	}
	if r.IntN(10) < 7 {
		c.website = "https://" + c.slug + ".example"
	}
	if r.IntN(5) < 4 {
		c.address = fmt.Sprintf("%d %s, %s %s", 1+r.IntN(180), pick(r, streets), c.town.postcode, c.town.name)
	}
	if r.IntN(5) < 3 {
		c.commitments = pickSome(r, commitments, 1+r.IntN(4))
	}
	activity := pick(r, companyActivities)
	what := "développe son activité avec les entreprises du territoire"
	if len(c.skills) > 0 {
		what = fmt.Sprintf(pick(r, companyAims), lcFirst(c.skills[0]))
	}
	c.summary = fmt.Sprintf("%s à %s, dans le secteur « %s », qui %s.", activity, c.town.name, c.sectors[0], what)
	return c
}

func (s *site) newTraining(r *rand.Rand, taken map[string]bool) *training {
	t := &training{date: randDate(r), town: pickTown(r), trade: pick(r, trades)}
	variant := ""
	t.title, t.slug = unique(r, taken, func() string {
		variant = pick(r, trainingVariants)
		name := t.trade.title + variant
		if r.IntN(2) == 0 {
			name += " à " + t.town.name
		}
		return name
	})
	t.provider = pick(r, providers)
	t.skills = s.skillsFor(r, t.trade.domain, 2+r.IntN(4))
	t.level = 3 + r.IntN(6)
	t.rncp = fmt.Sprintf("RNCP%05d", 10000+r.IntN(90000))
	t.hours = 35 * (1 + r.IntN(52))
	t.mode = pick(r, modes)
	if variant == " en alternance" {
		t.mode = "alternance"
	}
	t.funding = pickSome(r, fundings, 1+r.IntN(4))
	// Partners are mostly employers of the trade's domain.
	for _, i := range pickIndexes(r, len(s.companies), 1+r.IntN(3)) {
		if local := s.employers[t.trade.domain]; len(local) > 0 && r.IntN(10) < 7 {
			i = local[skewed(r, len(local))]
		}
		if !slices.Contains(t.partners, i) {
			t.partners = append(t.partners, i)
		}
	}
	for range 1 + r.IntN(2) {
		t.rome = append(t.rome, fmt.Sprintf("%c%04d", 'A'+rune(r.IntN(14)), 1101+r.IntN(3800)))
	}
	start := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	for i := range 1 + r.IntN(3) {
		// Sessions follow each other through 2027.
		from := start.AddDate(0, 0, 7*(i*16+r.IntN(14)))
		t.sessions = append(t.sessions, session{
			start: from,
			end:   from.AddDate(0, 0, 7*(4+r.IntN(40))-3),
			seats: 6 + r.IntN(19),
		})
	}
	t.summary = fmt.Sprintf("Formation de niveau %d de %d heures, %s à %s, pour acquérir les compétences « %s » et « %s ».",
		t.level, t.hours, modePhrase[t.mode], t.town.name, t.skills[0], t.skills[1])
	return t
}

func (s *site) newStory(r *rand.Rand, taken map[string]bool) *story {
	st := &story{date: randDate(r), town: pickTown(r), kind: pickWeighted(r, storyKinds, storyKindWeights)}
	st.training = skewed(r, len(s.trainings))
	t := s.trainings[st.training]
	// Most people are hired by a partner of their training.
	st.company = skewed(r, len(s.companies))
	if r.IntN(5) < 3 {
		st.company = pick(r, t.partners)
	}
	c := s.companies[st.company]
	var job string
	st.title, st.slug = unique(r, taken, func() string {
		st.person = pick(r, people)
		job = t.trade.job(st.person)
		tpl, name := pick(r, storyTitles), st.person.name
		if strings.HasPrefix(tpl, "Le parcours") {
			name = of(name)
		}
		return fmt.Sprintf(tpl, name, lcFirst(job), st.town.name)
	})
	switch st.kind {
	case "alternance":
		st.job = job + " (alternance)"
	case "création":
		st.job = st.person.pick("Créateur d’entreprise, ", "Créatrice d’entreprise, ") + lcFirst(job)
	default:
		st.job = job
	}
	st.skills = pickSome(r, t.skills, 1+r.IntN(len(t.skills)))
	if len(c.skills) > 0 && r.IntN(3) == 0 {
		extra := pick(r, c.skills)
		if !containsSlug(st.skills, extra) {
			st.skills = append(st.skills, extra)
		}
	}
	p := st.person.name
	switch st.kind {
	case "emploi":
		st.summary = fmt.Sprintf("%s a trouvé un poste de %s chez %s après la formation « %s ».", p, lcFirst(job), c.title, t.title)
	case "alternance":
		st.summary = fmt.Sprintf("%s prépare son titre de %s en alternance chez %s, avec la formation « %s ».", p, lcFirst(job), c.title, t.title)
	case "création":
		st.summary = fmt.Sprintf("%s a créé son activité après la formation « %s », avec l’appui de %s.", p, t.title, c.title)
	default:
		st.summary = fmt.Sprintf("Après %d ans dans un autre métier, %s s’est %s grâce à la formation « %s » et travaille chez %s.",
			3+r.IntN(25), p, st.person.pick("reconverti", "reconvertie"), t.title, c.title)
	}
	var q bytes.Buffer
	g := &textGen{r: r, b: &q, town: st.town.name, skills: st.skills}
	g.sentence()
	if r.IntN(2) == 0 {
		q.WriteByte(' ')
		g.sentence()
	}
	st.quote = strings.ReplaceAll(q.String(), "**", "")
	return st
}

// unique draws names until one has a slug no page has yet; after a few
// misses it numbers the last one, which always ends the search.
func unique(r *rand.Rand, taken map[string]bool, draw func() string) (title, slug string) {
	for range 20 {
		title = draw()
		if slug = content.Slugify(title); !taken[slug] {
			taken[slug] = true
			return title, slug
		}
	}
	for n := 2; ; n++ {
		numbered := title + " " + strconv.Itoa(n)
		if slug = content.Slugify(numbered); !taken[slug] {
			taken[slug] = true
			return numbered, slug
		}
	}
}

// Random choices.

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// skewed returns an index in [0, n), low indexes being the most frequent,
// as popular skills and big employers are.
func skewed(r *rand.Rand, n int) int {
	u := r.Float64()
	return min(n-1, int(float64(n)*u*math.Sqrt(u)))
}

// skewedSkill is skewed, steeper: the most used skill of a site is on
// about a tenth of its pages, as "Relation client" or "Accueil" would be.
func skewedSkill(r *rand.Rand, n int) int {
	u := r.Float64()
	return min(n-1, int(float64(n)*u*u*u))
}

// pickIndexes returns k distinct skewed indexes in [0, n), fewer if n < k.
func pickIndexes(r *rand.Rand, n, k int) []int {
	k = min(k, n)
	out := make([]int, 0, k)
	for tries := 0; len(out) < k; tries++ {
		i := skewed(r, n)
		if tries > 50 {
			i = r.IntN(n)
		}
		dup := false
		for _, j := range out {
			dup = dup || i == j
		}
		if !dup {
			out = append(out, i)
		}
	}
	return out
}

// pickSome returns k distinct elements of list, fewer if list is shorter.
func pickSome(r *rand.Rand, list []string, k int) []string {
	k = min(k, len(list))
	out := make([]string, k)
	for i, j := range r.Perm(len(list))[:k] {
		out[i] = list[j]
	}
	return out
}

func pickWeighted(r *rand.Rand, list []string, weights []int) string {
	return list[pickIndex(r, weights)]
}

func pickTown(r *rand.Rand) town {
	return towns[pickIndex(r, townWeights)]
}

func pickIndex(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

var (
	firstDate = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDate  = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
)

// randDate returns a day between 2024-01-01 and 2026-06-30, in the past
// for any build, so that every page is published.
func randDate(r *rand.Rand) time.Time {
	days := int(lastDate.Sub(firstDate).Hours()/24) + 1
	return firstDate.AddDate(0, 0, r.IntN(days))
}

func containsSlug(list []string, s string) bool {
	slug := content.Slugify(s)
	for _, e := range list {
		if content.Slugify(e) == slug {
			return true
		}
	}
	return false
}

// lcFirst lowercases the first letter of a name unless it starts an
// acronym: "Soudure TIG" -> "soudure TIG", "PHP" stays "PHP".
func lcFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// of returns "de name", elided before a vowel: "d’Inès".
func of(name string) string {
	r, _ := utf8.DecodeRuneInString(name)
	if f := content.Fold(r); strings.ContainsAny(f, "aeiouy") {
		return "d’" + name
	}
	return "de " + name
}

func ucFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// Front matter.

// frontMatter writes TOML keys; values are only ever the generator's own
// text, so quoting needs only the two escapes of a TOML basic string.
type frontMatter struct{ b *bytes.Buffer }

func (f frontMatter) str(key, v string) {
	f.b.WriteString(key)
	f.b.WriteString(" = ")
	quote(f.b, v)
	f.b.WriteByte('\n')
}

func (f frontMatter) list(key string, vs []string) {
	f.b.WriteString(key)
	f.b.WriteString(" = [")
	for i, v := range vs {
		if i > 0 {
			f.b.WriteString(", ")
		}
		quote(f.b, v)
	}
	f.b.WriteString("]\n")
}

func (f frontMatter) raw(key, v string) {
	f.b.WriteString(key)
	f.b.WriteString(" = ")
	f.b.WriteString(v)
	f.b.WriteByte('\n')
}

func (f frontMatter) integer(key string, v int) { f.raw(key, strconv.Itoa(v)) }

func (f frontMatter) date(key string, t time.Time) { f.raw(key, t.Format("2006-01-02")) }

func quote(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
}

func (s *site) writeCompany(b *bytes.Buffer, r *rand.Rand, c *company) {
	f := frontMatter{b}
	b.WriteString("+++\n")
	f.str("title", c.title)
	f.str("summary", c.summary)
	f.date("date", c.date)
	f.list("sectors", c.sectors)
	f.str("town", c.town.name)
	if len(c.skills) > 0 {
		f.list("skills", c.skills)
	}
	if c.hasHiring {
		f.raw("hiring", strconv.FormatBool(c.hiring))
	}
	if c.size != "" {
		f.str("size", c.size)
	}
	if c.founded != 0 {
		f.integer("founded", c.founded)
	}
	if c.website != "" {
		f.str("website", c.website)
	}
	if c.address != "" {
		f.str("address", c.address)
	}
	if len(c.commitments) > 0 {
		f.list("commitments", c.commitments)
	}
	if c.bundle {
		f.str("logo", "logo.png")
	}
	if len(c.aliases) > 0 {
		f.list("aliases", c.aliases)
	}
	b.WriteString("+++\n\n")

	g := &textGen{r: r, b: b, town: c.town.name, skills: c.skills}
	start := b.Len()
	target := bodyTarget(r)
	if c.bundle {
		fmt.Fprintf(b, "![Logo de %s](logo.png)\n\n", c.title)
	}
	g.paragraph()
	links := func() {
		if len(c.partnerOf) > 0 {
			b.WriteString("## Formations partenaires\n\n")
			for _, i := range c.partnerOf[:min(len(c.partnerOf), 6)] {
				t := s.trainings[i]
				fmt.Fprintf(b, "- [%s](/%s/%s/), %s\n", t.title, content.Trainings, t.slug, t.provider)
			}
			b.WriteString("\n")
		} else {
			t := s.trainings[r.IntN(len(s.trainings))]
			g.sentences(1 + r.IntN(2))
			fmt.Fprintf(b, " Les candidats peuvent se préparer au métier avec la formation « %s » : [voir la formation](/%s/%s/).\n\n",
				t.title, content.Trainings, t.slug)
		}
		if len(c.storiesOf) > 0 {
			st := s.stories[c.storiesOf[r.IntN(len(c.storiesOf))]]
			g.sentences(1 + r.IntN(2))
			fmt.Fprintf(b, " [Lire le parcours %s](/%s/%s/).\n\n", of(st.person.name), content.Stories, st.slug)
		}
	}
	g.sections(companyHeadings, start, target, links, func() {
		b.WriteString("| Indicateur | Valeur |\n| --- | --- |\n")
		fmt.Fprintf(b, "| Commune | %s |\n", c.town.name)
		if c.size != "" {
			fmt.Fprintf(b, "| Effectif | %s salariés |\n", c.size)
		}
		if c.founded != 0 {
			fmt.Fprintf(b, "| Année de création | %d |\n", c.founded)
		}
		fmt.Fprintf(b, "| Alternants accueillis en 2025 | %d |\n", r.IntN(15))
		fmt.Fprintf(b, "| Postes ouverts | %d |\n\n", r.IntN(12))
	})
}

func (s *site) writeTraining(b *bytes.Buffer, r *rand.Rand, t *training) {
	f := frontMatter{b}
	b.WriteString("+++\n")
	f.str("title", t.title)
	f.str("summary", t.summary)
	f.date("date", t.date)
	f.str("provider", t.provider)
	f.str("town", t.town.name)
	f.list("skills", t.skills)
	f.integer("level", t.level)
	f.str("rncp", t.rncp)
	f.integer("duration_hours", t.hours)
	f.str("mode", t.mode)
	f.list("funding", t.funding)
	partners := make([]string, len(t.partners))
	for i, p := range t.partners {
		partners[i] = s.companies[p].slug
	}
	f.list("partners", partners)
	f.list("rome", t.rome)
	for _, se := range t.sessions {
		b.WriteString("\n[[sessions]]\n")
		f.date("start", se.start)
		f.date("end", se.end)
		f.integer("seats", se.seats)
	}
	b.WriteString("+++\n\n")

	g := &textGen{r: r, b: b, town: t.town.name, skills: t.skills}
	start := b.Len()
	target := bodyTarget(r)
	g.paragraph()
	links := func() {
		b.WriteString("## Sessions à venir\n\n")
		for _, se := range t.sessions {
			fmt.Fprintf(b, "- Du %s au %s, %d places\n", frenchDate(se.start), frenchDate(se.end), se.seats)
		}
		b.WriteString("\n## Entreprises partenaires\n\n")
		for _, p := range t.partners {
			c := s.companies[p]
			fmt.Fprintf(b, "- [%s](/%s/%s/), à %s\n", c.title, content.Companies, c.slug, c.town.name)
		}
		b.WriteString("\n")
		g.sentences(1 + r.IntN(2))
		sk := t.skills[r.IntN(len(t.skills))]
		fmt.Fprintf(b, " Pour aller plus loin, [toutes les pages sur la compétence « %s »](/competences/%s/).\n\n", sk, content.Slugify(sk))
	}
	g.sections(trainingHeadings, start, target, links, func() {
		b.WriteString("| Module | Durée | Modalité |\n| --- | --- | --- |\n")
		left := t.hours
		for i, sk := range t.skills {
			h := left / (len(t.skills) - i + 1)
			left -= h
			fmt.Fprintf(b, "| %s | %d h | %s |\n", sk, h, t.mode)
		}
		fmt.Fprintf(b, "| Stage en entreprise | %d h | en entreprise |\n\n", left)
	})
}

func (s *site) writeStory(b *bytes.Buffer, r *rand.Rand, st *story) {
	f := frontMatter{b}
	b.WriteString("+++\n")
	f.str("title", st.title)
	f.str("summary", st.summary)
	f.date("date", st.date)
	f.str("person", st.person.name)
	f.str("job", st.job)
	f.str("kind", st.kind)
	c, t := s.companies[st.company], s.trainings[st.training]
	f.str("company", c.slug)
	f.str("training", t.slug)
	f.str("town", st.town.name)
	f.list("skills", st.skills)
	f.str("quote", st.quote)
	if st.bundle {
		f.str("photo", "photo.png")
	}
	if st.draft {
		f.raw("draft", "true")
	}
	b.WriteString("+++\n\n")

	g := &textGen{r: r, b: b, town: st.town.name, skills: st.skills}
	start := b.Len()
	target := bodyTarget(r)
	g.paragraph()
	links := func() {
		g.sentences(1 + r.IntN(2))
		fmt.Fprintf(b, " %s suit la formation « %s » chez %s : [voir la formation](/%s/%s/).",
			st.person.name, t.title, t.provider, content.Trainings, t.slug)
		fmt.Fprintf(b, " Son employeur, %s, est installé à %s : [découvrir l’entreprise](/%s/%s/).",
			c.title, c.town.name, content.Companies, c.slug)
		sk := st.skills[r.IntN(len(st.skills))]
		fmt.Fprintf(b, " Voir aussi [la compétence « %s »](/competences/%s/).\n\n", sk, content.Slugify(sk))
		if st.brokenLink != "" {
			fmt.Fprintf(b, "Son premier stage s’était fait [chez un autre employeur](%s).\n\n", st.brokenLink)
		}
		if st.bundle {
			fmt.Fprintf(b, "![%s au travail](photo.png)\n\n", st.person.name)
		}
		fmt.Fprintf(b, "> %s\n\n", st.quote)
	}
	g.sections(storyHeadings, start, target, links, func() {
		b.WriteString("| Étape | Date |\n| --- | --- |\n")
		d := st.date.AddDate(-2, 0, 0)
		for _, step := range storySteps {
			fmt.Fprintf(b, "| %s | %s |\n", step, frenchMonth(d))
			d = d.AddDate(0, 2+r.IntN(6), 0)
		}
		b.WriteString("\n")
	})
}

// bodyTarget is the least size of a body, between 2.3 and 7.3 KB: with the
// last section and the front matter, pages average about 6 KB.
func bodyTarget(r *rand.Rand) int { return 2300 + r.IntN(5000) }

var frenchMonths = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

func frenchDate(t time.Time) string {
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, frenchMonths[t.Month()-1], t.Year())
}

func frenchMonth(t time.Time) string {
	return fmt.Sprintf("%s %d", frenchMonths[t.Month()-1], t.Year())
}

// Body text.

// textGen writes French-like Markdown: sentences assembled from subjects,
// verbs, objects and complements, some naming the page's town and skills.
type textGen struct {
	r      *rand.Rand
	b      *bytes.Buffer
	town   string
	skills []string
}

// sections writes headed sections until the body from start reaches
// target bytes. links (the page's references) comes in the first half and
// table, one page in five, somewhere after it.
func (g *textGen) sections(headings []string, start, target int, links, table func()) {
	order := g.r.Perm(len(headings))
	linkAt := 1 + g.r.IntN(2)
	tableAt := -1
	if g.r.IntN(5) == 0 {
		tableAt = 1 + g.r.IntN(4)
	}
	for i := 0; g.b.Len()-start < target || i <= linkAt; i++ {
		if i == linkAt {
			links()
		}
		h := headings[order[i%len(order)]]
		if i >= len(order) {
			h += " (suite)"
		}
		g.b.WriteString("## ")
		g.b.WriteString(h)
		g.b.WriteString("\n\n")
		g.paragraph()
		if i == tableAt {
			table()
		}
		switch g.r.IntN(5) {
		case 0, 1:
			g.list()
			g.paragraph()
		case 2:
			g.paragraph()
		}
	}
}

func (g *textGen) paragraph() {
	g.sentences(3 + g.r.IntN(4))
	g.b.WriteString("\n\n")
}

// sentences writes n sentences separated by spaces, without a final
// newline.
func (g *textGen) sentences(n int) {
	for i := range n {
		if i > 0 {
			g.b.WriteByte(' ')
		}
		g.sentence()
	}
}

func (g *textGen) sentence() {
	r, b := g.r, g.b
	plural := r.IntN(2) == 0
	subject := pick(r, subjectsSingular)
	if plural {
		subject = pick(r, subjectsPlural)
	}
	if r.IntN(4) == 0 {
		b.WriteString(pick(r, connectors))
		b.WriteString(subject)
	} else {
		b.WriteString(ucFirst(subject))
	}
	v := pick(r, verbs)
	b.WriteByte(' ')
	if plural {
		b.WriteString(v[1])
	} else {
		b.WriteString(v[0])
	}
	b.WriteByte(' ')
	if r.IntN(15) == 0 {
		b.WriteString("**")
		b.WriteString(pick(r, objects))
		b.WriteString("**")
	} else {
		b.WriteString(pick(r, objects))
	}
	for range r.IntN(3) {
		b.WriteByte(' ')
		g.complement()
	}
	if r.IntN(6) == 0 {
		b.WriteString(", et ")
		b.WriteString(pick(r, subjectsPlural))
		b.WriteByte(' ')
		b.WriteString(pick(r, verbs)[1])
		b.WriteByte(' ')
		b.WriteString(pick(r, objects))
	}
	b.WriteByte('.')
}

func (g *textGen) complement() {
	r, b := g.r, g.b
	switch k := r.IntN(12); {
	case k == 0:
		b.WriteString("à ")
		b.WriteString(g.town)
	case k == 1 && len(g.skills) > 0:
		b.WriteString("en ")
		b.WriteString(lcFirst(pick(r, g.skills)))
	case k == 2:
		b.WriteString("avec ")
		b.WriteString(strconv.Itoa(2 + r.IntN(40)))
		b.WriteString(" personnes")
	case k == 3:
		b.WriteString(pick(r, realPhrases))
	default:
		b.WriteString(pick(r, complements))
	}
}

func (g *textGen) list() {
	r, b := g.r, g.b
	ordered := r.IntN(4) == 0
	n := 3 + r.IntN(4)
	for i := range n {
		if ordered {
			b.WriteString(strconv.Itoa(i + 1))
			b.WriteString(". ")
		} else {
			b.WriteString("- ")
		}
		b.WriteString(ucFirst(pick(r, objects)))
		b.WriteByte(' ')
		g.complement()
		if i == n-1 {
			b.WriteString(".\n")
		} else {
			b.WriteString(" ;\n")
		}
	}
	b.WriteString("\n")
}

// Vocabulary.

type town struct{ name, postcode string }

var towns = []town{
	{"Roubaix", "59100"}, {"Tourcoing", "59200"}, {"Wattrelos", "59150"}, {"Croix", "59170"},
	{"Hem", "59510"}, {"Lys-lez-Lannoy", "59390"}, {"Leers", "59115"}, {"Lannoy", "59390"},
	{"Wasquehal", "59290"}, {"Villeneuve-d'Ascq", "59650"}, {"Mouvaux", "59420"}, {"Toufflers", "59390"},
}

// townWeights follow the towns' sizes, roughly.
var townWeights = []int{30, 28, 14, 7, 7, 5, 3, 2, 7, 20, 5, 1}

// sectors, each with the domain of the skills its companies hire for.
var sectors = []struct{ name, domain string }{
	{"Industrie", "industrie"}, {"Textile et habillement", "textile"}, {"Bâtiment et travaux publics", "bâtiment"},
	{"Numérique", "numérique"}, {"Logistique", "logistique"}, {"Transport de voyageurs", "logistique"},
	{"Commerce", "commerce"}, {"Restauration", "restauration"}, {"Hôtellerie et tourisme", "restauration"},
	{"Santé", "social"}, {"Aide à la personne", "social"}, {"Économie sociale et solidaire", "social"},
	{"Énergie", "bâtiment"}, {"Agroalimentaire", "industrie"}, {"Métallurgie", "industrie"},
	{"Propreté", "services"}, {"Sécurité", "services"}, {"Banque et assurance", "gestion"},
	{"Culture et médias", "numérique"}, {"Environnement et recyclage", "services"},
}

// skillBases are the skills of each domain and their named variants.
var skillBases = []struct {
	domain   string
	name     string
	variants []string
}{
	{"industrie", "Soudure", []string{"TIG", "MIG/MAG", "à l’électrode enrobée", "sur tuyauterie", "de l’inox"}},
	{"industrie", "Chaudronnerie", []string{"de précision", "industrielle", "sur plan"}},
	{"industrie", "Usinage", []string{"sur commande numérique", "conventionnel", "de pièces unitaires"}},
	{"industrie", "Maintenance préventive", []string{"mécanique", "électrique", "des lignes automatisées"}},
	{"industrie", "Maintenance industrielle", []string{"hydraulique", "pneumatique"}},
	{"industrie", "Conduite de ligne", []string{"automatisée", "de conditionnement"}},
	{"bâtiment", "Électricité", []string{"du bâtiment", "industrielle", "basse tension"}},
	{"bâtiment", "Plomberie", []string{"sanitaire", "et chauffage"}},
	{"bâtiment", "Maçonnerie", []string{"traditionnelle", "de briques", "en rénovation"}},
	{"bâtiment", "Menuiserie", []string{"bois", "aluminium", "d’agencement"}},
	{"bâtiment", "Peinture en bâtiment", []string{"décorative", "de façades"}},
	{"bâtiment", "Rénovation énergétique", []string{"des logements", "et isolation thermique"}},
	{"numérique", "Développement web", []string{"front-end", "back-end", "accessible", "en PHP", "en JavaScript"}},
	{"numérique", "Développement mobile", []string{"Android", "iOS", "multiplateforme"}},
	{"numérique", "Administration système", []string{"Linux", "Windows", "et réseau"}},
	{"numérique", "Cybersécurité", []string{"opérationnelle", "des postes de travail"}},
	{"numérique", "Analyse de données", []string{"avec un tableur", "en Python", "décisionnelle"}},
	{"numérique", "Accessibilité numérique", []string{"des sites web", "des documents"}},
	{"numérique", "Conception graphique", []string{"print", "web", "d’interfaces"}},
	{"gestion", "Gestion de projet", []string{"agile", "de chantier", "industriel"}},
	{"gestion", "Comptabilité", []string{"générale", "analytique", "fournisseurs"}},
	{"gestion", "Paie", []string{"et administration du personnel"}},
	{"commerce", "Relation client", []string{"à distance", "en magasin", "multicanal"}},
	{"commerce", "Vente", []string{"conseil", "en magasin", "par téléphone"}},
	{"logistique", "Logistique", []string{"d’entrepôt", "du dernier kilomètre", "inverse"}},
	{"logistique", "Préparation de commandes", []string{"à commande vocale", "sur chariot"}},
	{"logistique", "Conduite de chariot élévateur", []string{"catégorie 1", "catégorie 3", "catégorie 5"}},
	{"logistique", "Conduite de bus", []string{"urbain", "interurbain"}},
	{"logistique", "Conduite de poids lourds", []string{"porteur", "semi-remorque"}},
	{"restauration", "Cuisine", []string{"traditionnelle", "collective", "végétarienne"}},
	{"restauration", "Pâtisserie", []string{"boulangère", "de restaurant"}},
	{"restauration", "Hygiène alimentaire", []string{"HACCP", "en restauration collective"}},
	{"restauration", "Service en salle", []string{"de restaurant", "traiteur"}},
	{"social", "Aide à la personne", []string{"à domicile", "en établissement"}},
	{"social", "Soins d’hygiène et de confort", nil},
	{"social", "Petite enfance", []string{"en crèche", "à domicile"}},
	{"textile", "Couture industrielle", []string{"sur machine plate", "de sièges", "de prototypes"}},
	{"textile", "Conception textile", []string{"de tissus", "de mailles", "technique"}},
	{"industrie", "Contrôle qualité", []string{"en production", "et métrologie"}},
	{"industrie", "Sécurité au travail", []string{"en atelier", "sur chantier"}},
	{"commerce", "Anglais professionnel", []string{"à l’oral", "écrit", "technique"}},
	{"commerce", "Néerlandais professionnel", []string{"à l’oral", "écrit"}},
	{"gestion", "Bureautique", []string{"tableur", "traitement de texte"}},
	{"gestion", "Secrétariat", []string{"médical", "juridique"}},
	{"services", "Propreté", []string{"industrielle", "des locaux"}},
	{"services", "Espaces verts", []string{"entretien", "création"}},
	{"services", "Mécanique automobile", []string{"électrique", "poids lourds"}},
	{"services", "Carrosserie", []string{"peinture", "réparation"}},
}

var skillLevels = []string{" niveau 1", " niveau 2", " niveau 3", " – initiation", " – perfectionnement"}

var commitments = []string{"Jeunes", "Handicap", "Quartiers prioritaires", "Alternance",
	"Achats responsables", "Seniors", "Égalité femmes-hommes"}

var sizes = []string{"1-9", "10-49", "50-249", "250+"}

var fundings = []string{"Région Hauts-de-France", "France Travail", "CPF", "OPCO", "Transitions Pro",
	"Fonds social européen", "Département du Nord", "Agefiph"}

var modes = []string{"présentiel", "distanciel", "hybride", "alternance"}

var modePhrase = map[string]string{
	"présentiel": "en présentiel",
	"distanciel": "à distance",
	"hybride":    "en formule hybride",
	"alternance": "en alternance",
}

var storyKinds = []string{"emploi", "alternance", "création", "reconversion"}

var storyKindWeights = []int{45, 25, 10, 20}

var companyPrefixes = []string{
	"Atelier", "Ateliers", "Compagnie", "Comptoir", "Fabrique", "Maison", "Établissements", "Coopérative",
	"Société", "Groupe", "Agence", "Studio", "Manufacture", "Filature", "Brasserie", "Imprimerie",
	"Menuiserie", "Garage", "Transports", "Entrepôts", "Résidence", "Cabinet", "Boulangerie",
	"Chaudronnerie", "Serrurerie", "Tissages", "Teinturerie", "Laboratoire", "Bureau d’études", "Cuisines",
}

var companyCores = []string{
	"du Canal", "de la Lys", "du Sartel", "des Tisserands", "de l’Union", "du Grand-Chemin", "de la Marque",
	"du Laboureur", "des Trois-Ponts", "du Beck", "de l’Épeule", "du Pile", "des Hauts-Champs",
	"de la Briqueterie", "du Nouveau-Monde", "des Filatures", "du Blanc-Seau", "de la Mackellerie",
	"du Fresnoy", "des Chênes", "du Pont-Rouge", "des Orions", "du Moulin", "de l’Alma", "du Cul-de-Four",
	"de Beaumont", "du Centre", "Saint-Joseph", "de la Gare", "du Parc", "des Houblons", "du Carihem",
	"de la Potennerie", "du Winhoute", "des Près", "de la Vallée", "du Bourg", "de l’Hippodrome",
	"des Cheminées", "du Vieux-Lille",
}

var companySuffixes = []string{"Nord", "et Fils", "Métropole", "Services", "& Cie", "Solidaire", "Innovation", "Frères"}

var companyActivities = []string{
	"Entreprise familiale", "PME industrielle", "Atelier artisanal", "Jeune entreprise", "Structure d’insertion",
	"Agence indépendante", "Groupe régional", "Coopérative de salariés", "Association employeuse",
	"Établissement de services",
}

var companyAims = []string{
	"recrute des profils en %s", "forme chaque année des alternants en %s", "mise sur les compétences en %s",
	"développe son savoir-faire en %s", "cherche des talents en %s",
}

var streets = []string{
	"rue du Grand-Chemin", "rue de Lille", "boulevard de Strasbourg", "avenue Jean-Lebas", "rue Jules-Guesde",
	"quai du Halage", "rue de la Gare", "rue Pierre-de-Roubaix", "rue de l’Épeule", "rue du Collège",
	"rue Nationale", "boulevard Gambetta", "rue de Mouvaux", "rue Victor-Hugo", "rue Jean-Jaurès",
	"place de la République", "rue de Tourcoing", "rue d’Hem", "avenue des Nations-Unies", "rue Émile-Zola",
}

var providers = []string{
	"Campus des Métiers de l’Union", "Académie de la Conduite Professionnelle Nord", "Fabrique numérique de l’Union",
	"Institut Santé Social Métropole Est", "Centre Logistique Formation Est", "Bâtir Formation Métropole",
	"Atelier culinaire de la Marque", "Institut de Gestion Nord-Est", "Cité des Services Clients",
	"Ateliers-école de la Maille", "Lycée des métiers Jean-Prouvé", "CFA de l’Industrie Nord",
	"École de la deuxième chance de Roubaix", "Centre de formation des Hauts-Champs", "Institut régional du travail social",
	"Maison de la formation de Tourcoing", "Pôle numérique de la Plaine Images", "CFA de la Propreté Nord",
	"École des métiers du goût", "Centre d’apprentissage du bâtiment de Wattrelos", "Compétences et Territoires",
	"Université populaire de l’emploi", "Institut européen de la maille", "Atelier des énergies nouvelles",
}

// trade is a job a training prepares for, with the domain of its skills
// and its masculine and feminine names.
type trade struct{ domain, title, male, female string }

func (t trade) job(p person) string { return p.pick(t.male, t.female) }

var trades = []trade{
	{"industrie", "Soudeur assembleur industriel", "Soudeur assembleur", "Soudeuse assembleuse"},
	{"industrie", "Chaudronnier", "Chaudronnier", "Chaudronnière"},
	{"industrie", "Technicien de maintenance industrielle", "Technicien de maintenance", "Technicienne de maintenance"},
	{"industrie", "Agent de fabrication industrielle", "Agent de fabrication", "Agente de fabrication"},
	{"industrie", "Conducteur de ligne de production", "Conducteur de ligne", "Conductrice de ligne"},
	{"bâtiment", "Électricien d’équipement du bâtiment", "Électricien", "Électricienne"},
	{"bâtiment", "Plombier chauffagiste", "Plombier chauffagiste", "Plombière chauffagiste"},
	{"bâtiment", "Maçon du bâti ancien", "Maçon", "Maçonne"},
	{"bâtiment", "Menuisier poseur installateur", "Menuisier poseur", "Menuisière poseuse"},
	{"bâtiment", "Peintre en bâtiment", "Peintre en bâtiment", "Peintre en bâtiment"},
	{"numérique", "Développeur web et web mobile", "Développeur web", "Développeuse web"},
	{"numérique", "Concepteur développeur d’applications", "Concepteur développeur", "Conceptrice développeuse"},
	{"numérique", "Technicien d’assistance informatique", "Technicien informatique", "Technicienne informatique"},
	{"numérique", "Administrateur systèmes et réseaux", "Administrateur systèmes", "Administratrice systèmes"},
	{"numérique", "Designer web", "Designer web", "Designer web"},
	{"gestion", "Gestionnaire comptable et fiscal", "Gestionnaire comptable", "Gestionnaire comptable"},
	{"gestion", "Gestionnaire de paie", "Gestionnaire de paie", "Gestionnaire de paie"},
	{"gestion", "Secrétaire assistant médico-social", "Secrétaire médical", "Secrétaire médicale"},
	{"commerce", "Conseiller relation client à distance", "Conseiller clientèle", "Conseillère clientèle"},
	{"commerce", "Vendeur conseil en magasin", "Vendeur conseil", "Vendeuse conseil"},
	{"logistique", "Agent magasinier cariste", "Cariste", "Cariste"},
	{"logistique", "Préparateur de commandes en entrepôt", "Préparateur de commandes", "Préparatrice de commandes"},
	{"logistique", "Conducteur de transport en commun sur route", "Conducteur de bus", "Conductrice de bus"},
	{"logistique", "Conducteur routier de marchandises", "Conducteur routier", "Conductrice routière"},
	{"restauration", "Cuisinier", "Cuisinier", "Cuisinière"},
	{"restauration", "Commis de cuisine", "Commis de cuisine", "Commis de cuisine"},
	{"restauration", "Serveur en restauration", "Serveur", "Serveuse"},
	{"restauration", "Pâtissier", "Pâtissier", "Pâtissière"},
	{"social", "Assistant de vie aux familles", "Assistant de vie", "Assistante de vie"},
	{"social", "Aide-soignant", "Aide-soignant", "Aide-soignante"},
	{"social", "Auxiliaire de puériculture", "Auxiliaire de puériculture", "Auxiliaire de puériculture"},
	{"services", "Agent de propreté et d’hygiène", "Agent de propreté", "Agente de propreté"},
	{"services", "Jardinier paysagiste", "Jardinier paysagiste", "Jardinière paysagiste"},
	{"services", "Mécanicien automobile", "Mécanicien automobile", "Mécanicienne automobile"},
	{"services", "Carrossier peintre", "Carrossier peintre", "Carrossière peintre"},
	{"textile", "Opérateur de production textile", "Opérateur textile", "Opératrice textile"},
	{"textile", "Couturier industriel", "Couturier", "Couturière"},
	{"industrie", "Technicien qualité", "Technicien qualité", "Technicienne qualité"},
	{"services", "Agent de sûreté et de sécurité privée", "Agent de sécurité", "Agente de sécurité"},
	{"commerce", "Chargé d’accueil et d’orientation", "Chargé d’accueil", "Chargée d’accueil"},
}

var trainingVariants = []string{"", " en alternance", " – parcours intensif", " – parcours renforcé",
	" – pour adultes en reconversion", " – remise à niveau incluse", " – option numérique", " – cours du soir"}

type person struct {
	name   string
	female bool
}

func (p person) pick(male, female string) string {
	if p.female {
		return female
	}
	return male
}

var people = func() []person {
	var out []person
	for _, n := range []string{"Inès", "Fatou", "Claire", "Josiane", "Nadia", "Samia", "Chloé", "Zoé", "Noémie",
		"Anaïs", "Hélène", "Gaëlle", "Léa", "Maëlle", "Océane", "Mélanie", "Sabrina", "Aïcha", "Yasmine", "Émilie",
		"Céline", "Séverine", "Françoise", "Bérénice", "Laëtitia", "Rachida", "Élodie", "Kenza", "Amélie",
		"Justine", "Marième", "Léonie", "Agnès", "Aurélie", "Sonia", "Nathalie", "Naïma", "Manon", "Jeanne", "Aminata"} {
		out = append(out, person{n, true})
	}
	for _, n := range []string{"Kévin", "Marc", "Ibrahim", "Ousmane", "Yanis", "Théo", "Jérôme", "Loïc", "Mehdi",
		"Stéphane", "Grégory", "Benoît", "Rémi", "Cédric", "Hervé", "Noé", "Mathéo", "Bilal", "Karim", "Sébastien",
		"Frédéric", "Aurélien", "Jérémy", "Léo", "Maël", "Mamadou", "Ryan", "Anthony", "Thierry", "François",
		"Joël", "Raphaël", "Éric", "Timothée", "Gaël", "Adrien", "Nicolas", "Hugo", "Mathis", "Samir"} {
		out = append(out, person{n, false})
	}
	return out
}()

var storyTitles = []string{"%s, %s à %s", "%s devient %s à %s", "Le parcours %s, %s à %s",
	"%s, %s : une nouvelle vie à %s"}

var storySteps = []string{"Première rencontre à la Maison de l’emploi", "Information collective",
	"Entrée en formation", "Stage en entreprise", "Signature du contrat"}

var companyHeadings = []string{"Notre activité", "Nos métiers", "Recrutement", "Nos engagements",
	"Accueil des alternants", "Chiffres clés", "Nous rejoindre", "Notre histoire", "Nos clients",
	"Vie de l’équipe", "Sécurité et conditions de travail", "Innovation et qualité"}

var trainingHeadings = []string{"Objectifs", "Programme", "Public et prérequis", "Méthodes pédagogiques",
	"Modalités d’évaluation", "Financement", "Débouchés", "Accessibilité et handicap", "Stages en entreprise",
	"Accompagnement", "Après la formation", "Informations pratiques"}

var storyHeadings = []string{"Le point de départ", "Le déclic", "La formation", "Le stage", "L’embauche",
	"Les difficultés", "Ce qui a changé", "Et demain ?", "Un conseil aux futurs stagiaires",
	"L’avis de l’employeur", "Le regard du formateur", "La vie au quotidien"}

var connectors = []string{"Par ailleurs, ", "Ainsi, ", "En outre, ", "De plus, ", "Depuis 2019, ",
	"Chaque année, ", "Concrètement, ", "Aujourd’hui, ", "À terme, ", "Dès la première semaine, ",
	"En pratique, ", "Au fil des mois, ", "Pour la rentrée, ", "Selon l’équipe, "}

var subjectsSingular = []string{"l’équipe", "l’entreprise", "la formation", "chaque stagiaire", "le centre",
	"l’atelier", "la direction", "le tuteur", "la conseillère", "le service", "ce parcours", "la cheffe d’équipe",
	"le responsable du recrutement", "l’organisme", "la coopérative", "le formateur référent", "la promotion",
	"l’association", "le bureau d’études", "la plateforme", "l’employeur", "la mission locale"}

var subjectsPlural = []string{"les stagiaires", "les salariés", "les formateurs", "les entreprises partenaires",
	"les équipes", "les apprentis", "les habitants du quartier", "les candidates et les candidats", "les tuteurs",
	"les encadrants techniques", "les anciens élèves", "les recruteurs", "les chefs de chantier",
	"les conseillers de France Travail", "les alternants", "les associations du territoire"}

var verbs = [][2]string{
	{"accompagne", "accompagnent"}, {"propose", "proposent"}, {"développe", "développent"},
	{"prépare", "préparent"}, {"organise", "organisent"}, {"valorise", "valorisent"},
	{"renforce", "renforcent"}, {"découvre", "découvrent"}, {"améliore", "améliorent"},
	{"partage", "partagent"}, {"construit", "construisent"}, {"réalise", "réalisent"},
	{"suit", "suivent"}, {"met en œuvre", "mettent en œuvre"}, {"apprend", "apprennent"},
	{"transmet", "transmettent"}, {"reconnaît", "reconnaissent"}, {"privilégie", "privilégient"},
	{"évalue", "évaluent"}, {"consolide", "consolident"}, {"maîtrise", "maîtrisent"}, {"crée", "créent"},
	{"adapte", "adaptent"}, {"soutient", "soutiennent"}, {"encourage", "encouragent"}, {"réussit", "réussissent"},
}

var objects = []string{
	"des compétences recherchées", "un savoir-faire reconnu", "des gestes professionnels précis",
	"les règles de sécurité", "une relation de confiance", "des projets concrets", "la qualité du travail",
	"de nouvelles méthodes", "un accompagnement personnalisé", "des périodes en entreprise",
	"les consignes de production", "un plan de formation", "la polyvalence des équipes", "des outils numériques",
	"le tutorat des nouveaux arrivants", "une pédagogie active", "des mises en situation réelles",
	"les besoins des clients", "l’égalité entre les femmes et les hommes", "une meilleure organisation",
	"la transmission des savoirs", "des horaires compatibles avec la vie de famille", "l’autonomie de chacun",
	"un entretien de suivi mensuel", "le diplôme visé", "la prévention des risques", "des ateliers pratiques",
	"une expérience professionnelle solide", "des débouchés réels", "la confiance en soi",
	"un réseau d’entreprises partenaires", "les techniques de base", "un projet professionnel réaliste",
	"la lecture de plans", "les échanges avec les clients", "la maîtrise des délais", "un cadre de travail sûr",
	"des journées portes ouvertes", "le travail en équipe", "une démarche qualité exigeante",
	"l’insertion durable dans l’emploi", "des visites d’entreprises", "la rénovation des anciennes usines",
	"une culture de l’entraide", "le goût du travail bien fait", "des évaluations régulières",
	"l’accueil des personnes en situation de handicap", "les achats auprès de fournisseurs locaux",
	"des formations courtes et qualifiantes", "les métiers d’avenir du territoire",
}

// tailSettings make the rare skills of the long tail: a skill practised in
// one setting ("Soudure en chantier naval").
var tailSettings = []string{
	"en chantier naval", "en milieu hospitalier", "pour l’agroalimentaire", "en entrepôt frigorifique",
	"sur monuments historiques", "en salle blanche", "pour la grande distribution", "en milieu ferroviaire",
	"pour l’aéronautique", "en langue des signes", "auprès des enfants", "en atelier textile",
	"pour le spectacle vivant", "en zone portuaire", "en milieu carcéral", "pour les collectivités",
	"en horaires de nuit", "pour l’économie circulaire", "en chantier d’insertion", "auprès des seniors",
	"pour le e-commerce", "en laboratoire", "sur matériaux biosourcés", "en cuisine centrale",
}

// realPhrases are what real pages say and tidy synthetic text does not:
// "à compléter" in prose, quotations, figures, dates and amounts.
var realPhrases = []string{
	"même si le dossier d’inscription reste à compléter avant le 15 mars",
	"pour continuer à compléter sa formation",
	"avec 85 % de sorties vers l’emploi en 2025",
	"comme le dit une tutrice : « ici, on apprend en faisant »",
	"depuis le 1er septembre 2024",
	"pour 1 200 heures de pratique",
	"sur 3 sites entre Roubaix et Tourcoing",
	"avec un salaire de départ de 1 850 € brut par mois",
	"(« un vrai tremplin », selon le dernier bilan)",
	"en 2 à 3 semaines, « à compléter » par un stage si besoin",
	"le jeudi 12 mars 2026 à 14 h 30",
	"pour 12 à 15 stagiaires par groupe",
}

var complements = []string{
	"au quotidien", "dans l’atelier", "avec les entreprises du territoire", "depuis plusieurs années",
	"en lien avec France Travail", "grâce à l’alternance", "pendant toute la durée du parcours", "près de la gare",
	"chaque semaine", "sans diplôme préalable", "malgré les difficultés", "tout au long de l’année",
	"dans l’est de la métropole", "sur les chantiers de rénovation", "auprès des habitants", "avec patience",
	"dès le premier jour", "dans d’anciennes filatures", "à proximité de la frontière belge",
	"en petits groupes", "avec un suivi individuel", "selon le rythme de chacun", "pour répondre à la demande",
	"dans le respect des normes", "avec des équipements récents", "en horaires d’équipe",
	"après une période d’essai", "au cœur des quartiers", "sans perdre de vue l’emploi", "de manière concrète",
}

// The fixed files of every site.

const siteTOML = `# Site synthétique écrit par generator/synth pour mesurer la construction.
title = "Terre de talents"
description = "Les talents, les formations et les entreprises qui recrutent à Roubaix et dans l’est de la métropole lilloise."
baseURL = "https://example.org/"
language = "fr"
paginate = 20
accessibility = "non conforme"

[organization]
name = "Maison de l’emploi et de l’initiative de Roubaix-Est"
address = "40 rue du Grand-Chemin, 59100 Roubaix"
email = "contact@example.org"

[markdown]
unsafe = false
`

const homePage = `+++
title = "Terre de talents"
summary = "Les talents, les formations et les entreprises qui font de l’est de la métropole lilloise une vallée des compétences."
date = 2026-06-30
+++

Roubaix, Tourcoing, Wattrelos et leurs voisines ont longtemps été surnommées les « villes aux mille cheminées ». Le textile y a façonné les quartiers, les courées et des générations de savoir-faire. Cette histoire se prolonge aujourd’hui dans les filatures modernisées, les ateliers d’insertion, les agences numériques et les plateformes logistiques.

Terre de talents montre ce que le territoire sait faire : des [entreprises](/entreprises/) qui recrutent près de chez vous, des [formations](/formations/) qui préparent aux compétences qu’elles recherchent, et les [parcours](/reussites/) de femmes et d’hommes qui ont trouvé ici un emploi, une alternance, une nouvelle voie ou le courage de créer leur activité.
`

const aboutPage = `+++
title = "À propos"
summary = "La Maison de l’emploi et de l’initiative de Roubaix-Est rapproche les habitants, les organismes de formation et les entreprises du territoire."
date = 2026-01-05
+++

La Maison de l’emploi et de l’initiative de Roubaix-Est est une association créée par les communes de l’est de la métropole lilloise. Elle intervient à Roubaix, Tourcoing, Wattrelos, Croix, Hem, Lys-lez-Lannoy, Leers, Lannoy, Wasquehal, Villeneuve-d'Ascq, Mouvaux et Toufflers.

## Ce que nous faisons

- Nous accueillons et orientons les personnes qui cherchent un emploi, une formation ou qui veulent créer leur activité.
- Nous organisons des forums de recrutement, des visites d’entreprises et des ateliers de découverte des métiers.
- Nous accompagnons les entreprises dans leurs recrutements et leurs démarches d’inclusion.

## Ce site

Ce site est **synthétique** : ses fiches sont écrites par un programme pour mesurer la vitesse de construction sur un grand volume de pages. Les entreprises, les formations et les personnes qu’il présente n’existent pas.
`

const accessibilityPage = `+++
title = "Déclaration d’accessibilité"
summary = "État de la conformité du site Terre de talents au référentiel général d’amélioration de l’accessibilité (RGAA)."
date = 2026-01-05
+++

La Maison de l’emploi et de l’initiative de Roubaix-Est s’engage à rendre son site internet accessible, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.

## État de conformité

Le site Terre de talents est **non conforme** au référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1 : aucun audit n’a encore été réalisé.

## Retour d’information et contact

Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez à contact@example.org pour être orienté vers une alternative accessible.

## Voies de recours

Si vous avez signalé un défaut d’accessibilité sans obtenir de réponse satisfaisante, vous pouvez saisir le Défenseur des droits.
`

const legalPage = `+++
title = "Mentions légales"
summary = "Informations sur l’éditeur, l’hébergement et le traitement des données personnelles du site Terre de talents."
date = 2026-01-05
+++

## Éditeur

Le site Terre de talents est édité par la Maison de l’emploi et de l’initiative de Roubaix-Est, association régie par la loi du 1er juillet 1901, 40 rue du Grand-Chemin, 59100 Roubaix.

## Hébergement

Le site est hébergé par Hébergeur Exemple SAS, 1 rue de l’Exemple, 59000 Lille.

## Données personnelles

Ce site ne dépose aucun cookie et ne collecte aucune donnée personnelle.
`
