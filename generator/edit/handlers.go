package edit

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"terredetalents/generator/diag"
)

// page finds a content file among the site's pages.
func (e *Editor) page(pages Pages, p string) (PageInfo, bool) {
	for _, info := range pages.List {
		if info.Path == p && !info.Derived {
			return info, true
		}
	}
	return PageInfo{}, false
}

// infoFromPath tells a page's section from where its file sits, the way
// the loader does: content/<section>/<page>.md or
// content/<section>/<page>/index.md; content/_index.md and
// content/<section>/_index.md are the texts of the home and the sections.
func infoFromPath(p string) PageInfo {
	info := PageInfo{Path: p}
	parts := strings.Split(strings.TrimPrefix(p, "content/"), "/")
	info.Index = parts[len(parts)-1] == "_index.md"
	if len(parts) >= 2 && (len(parts) == 2 || parts[len(parts)-1] == "index.md") {
		if len(parts) == 2 && parts[1] == "index.md" {
			return info // content/<page>/index.md: a plain page
		}
		info.Section = parts[0]
	}
	return info
}

// specsOf are the keys of a page's form.
func specsOf(info PageInfo) []spec { return specsFor(info.Section, info.Index) }

type listView struct {
	Query    string
	Sections []listSection
	Total    int
	Notice   string
}

type listSection struct {
	Title string
	ID    string
	Pages []PageInfo
}

func (e *Editor) list(w http.ResponseWriter, r *http.Request) {
	e.listPage(w, http.StatusOK, strings.TrimSpace(r.URL.Query().Get("q")), "")
}

// listPage shows the pages matching q, with a notice above them (why the
// staff landed here).
func (e *Editor) listPage(w http.ResponseWriter, status int, q, notice string) {
	pages := e.opts.Site.Pages()
	v := listView{Query: q, Notice: notice}
	bySection := map[string][]PageInfo{}
	var order []string
	for _, p := range pages.List {
		if p.Derived || q != "" && !matches(p, q) {
			continue
		}
		if _, ok := bySection[p.Section]; !ok {
			order = append(order, p.Section)
		}
		bySection[p.Section] = append(bySection[p.Section], p)
		v.Total++
	}
	// Sections in menu order, other pages last.
	var sections []string
	for _, k := range e.opts.Site.Kinds() {
		if _, ok := bySection[k.Section]; ok && k.Section != "" {
			sections = append(sections, k.Section)
		}
	}
	for _, s := range order {
		if !contains(sections, s) && s != "" {
			sections = append(sections, s)
		}
	}
	if _, ok := bySection[""]; ok {
		sections = append(sections, "")
	}
	for _, s := range sections {
		id := "section-" + s
		if s == "" {
			id = "section-autres"
		}
		v.Sections = append(v.Sections, listSection{Title: sectionTitle(s), ID: id, Pages: bySection[s]})
	}
	e.render(w, status, "list.html", v)
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// matches is the list's filter: the words of q in the title or the path,
// without case or accents.
func matches(p PageInfo, q string) bool {
	hay := fold(p.Title + " " + p.Path)
	for _, w := range strings.Fields(fold(q)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

func (e *Editor) openForm(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Query().Get("fichier")
	rel, err := cleanPage(p)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	text, err := e.readPage(rel)
	if err != nil {
		if moved, ok := e.bundled(rel); ok {
			http.Redirect(w, r, Prefix+"page?fichier="+url.QueryEscape("content/"+moved), http.StatusSeeOther)
			return
		}
		e.notFound(w, p)
		return
	}
	pages := e.opts.Site.Pages()
	info, _ := e.page(pages, p)
	info.Path = p
	text, _ = lineEndings(text)
	f, ferr := readFile(text)
	specs := specsOf(info)
	v := buildView(info, specs, stateOf(f, specs), pages)
	v.Hash = e.versions.keep(text)
	v.Unknown = unknownKeys(f.raw, specs)
	if ferr != nil {
		v.Problem = "L'en-tête de ce fichier ne peut pas être lu : corrigez-le d'abord dans un éditeur de texte (le message ci-dessous dit où) ; les champs seraient sinon vides."
	}
	v.place(text, e.opts.Site.Check(p, text))
	switch {
	case r.URL.Query().Get("enregistre") == "1":
		v.Notice = "Enregistré. Le site se met à jour : les pages ouvertes de l'aperçu se rechargent seules."
	case r.URL.Query().Get("cree") == "1":
		v.Notice = "Page créée. Remplacez les « À COMPLÉTER », puis enregistrez."
	}
	if img := r.URL.Query().Get("image"); img != "" {
		v.Notice += " Image ajoutée : « " + img + " ». Pour l'afficher dans le texte : ![description de l'image](" + img + ")"
	}
	e.render(w, http.StatusOK, "form.html", v)
}

func (e *Editor) notFound(w http.ResponseWriter, p string) {
	e.listPage(w, http.StatusNotFound, "", "Le fichier « "+p+" » est introuvable : il a peut-être été renommé ou supprimé. Choisissez la page dans la liste.")
}

// bundled is where a page x.md lives once it became a folder (an image
// was added to it, maybe from another tab): x/index.md, when it exists.
func (e *Editor) bundled(rel string) (string, bool) {
	if !strings.HasSuffix(rel, ".md") || path.Base(rel) == "index.md" {
		return "", false
	}
	moved := strings.TrimSuffix(rel, ".md") + "/index.md"
	if _, err := e.readPage(moved); err != nil {
		return "", false
	}
	return moved, true
}

// posted reads a form, files included, within the upload bound.
func (e *Editor) posted(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, e.opts.MaxUpload+1<<20)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		return r.ParseMultipartForm(1 << 20)
	}
	return r.ParseForm()
}

// submitted is a form as sent, with the file it is about.
type submitted struct {
	path, rel string
	info      PageInfo
	pages     Pages
	specs     []spec
	disk      file   // the file as it is now on disk
	diskErr   error  // why its front matter cannot be read
	diskText  []byte // its text, LF only
	restore   func([]byte) []byte
	st        state
}

func (e *Editor) submission(w http.ResponseWriter, r *http.Request) (*submitted, bool) {
	if err := e.posted(w, r); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "envoi trop gros : une image de plus de "+megabytes(e.opts.MaxUpload)+" est refusée ; réduisez-la (1 600 pixels de large suffisent) et recommencez", http.StatusRequestEntityTooLarge)
		} else {
			http.Error(w, "formulaire illisible", http.StatusBadRequest)
		}
		return nil, false
	}
	s := &submitted{path: r.PostFormValue("_fichier")}
	rel, err := cleanPage(s.path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return nil, false
	}
	s.rel = rel
	raw, err := e.readPage(rel)
	if err != nil {
		// The page became a folder since the form opened: the form goes
		// on with it, and the version check shows what changed.
		moved, ok := e.bundled(rel)
		if !ok {
			e.notFound(w, s.path)
			return nil, false
		}
		s.rel, s.path = moved, "content/"+moved
		if raw, err = e.readPage(moved); err != nil {
			e.notFound(w, s.path)
			return nil, false
		}
	}
	s.diskText, s.restore = lineEndings(raw)
	s.disk, s.diskErr = readFile(s.diskText)
	if r.URL.Path == Prefix+"verifier" {
		// The checks as the staff type need no choices of pages: the
		// section the path names is enough, and the site is read once.
		s.info = infoFromPath(s.path)
	} else {
		s.pages = e.opts.Site.Pages()
		s.info, _ = e.page(s.pages, s.path)
		s.info.Path = s.path
	}
	s.specs = specsOf(s.info)
	s.st = statePosted(r.PostForm, s.specs)
	return s, true
}

// candidate is the file as the form would write it. A file whose front
// matter the TOML library refuses is never rewritten from a form: its
// fields could not be compared with what the form holds.
func (s *submitted) candidate() ([]byte, error) {
	if s.diskErr != nil {
		return nil, s.diskErr
	}
	ch := changes(s.disk, s.st, s.specs)
	text, err := Rewrite(s.diskText, ch)
	if err != nil {
		return nil, err
	}
	if key, ok := Verify(s.diskText, text, ch); !ok {
		return nil, fmt.Errorf("le champ « %s » est écrit dans ce fichier d'une façon que l'éditeur ne sait pas modifier sans risque (table en ligne, clé à points…) : modifiez-le dans un éditeur de texte", key)
	}
	return text, nil
}

func (e *Editor) save(w http.ResponseWriter, r *http.Request) {
	e.saving.Lock()
	defer e.saving.Unlock()
	s, ok := e.submission(w, r)
	if !ok {
		return
	}
	action := r.PostFormValue("_action")
	if key, ok := strings.CutPrefix(action, "ajouter:"); ok {
		for _, sp := range s.specs {
			if sp.Block != nil && sp.Key == key {
				s.st.blocks[key] = append(s.st.blocks[key], blockState{From: -1, Values: map[string]string{}})
			}
		}
	}
	if action != "apercu" && !strings.HasPrefix(action, "ajouter:") && r.PostFormValue("_version") != hashOf(s.diskText) {
		e.conflict(w, r, s)
		return
	}
	text, err := s.candidate()
	if err != nil {
		msg := "Rien n'a été enregistré : l'en-tête de ce fichier ne peut pas être lu ; corrigez-le d'abord dans un éditeur de texte (le message ci-dessous dit où)."
		if s.diskErr == nil {
			msg = "Rien n'a été enregistré : " + err.Error() + "."
		}
		e.again(w, r, s, s.diskText, e.opts.Site.Check(s.path, s.diskText), msg, http.StatusUnprocessableEntity)
		return
	}
	diags := e.opts.Site.Check(s.path, text)
	if action == "apercu" || strings.HasPrefix(action, "ajouter:") {
		v := e.again(nil, r, s, text, diags, "", 0)
		if action == "apercu" {
			v.Preview = template.HTML(rebase(e.opts.Site.Markdown([]byte(s.st.body)), v.Page.URL))
		}
		e.render(w, http.StatusOK, "form.html", v)
		return
	}
	img, problem := upload(r, e.opts.MaxUpload)
	if problem != "" {
		e.again(w, r, s, text, diags, problem, http.StatusUnprocessableEntity)
		return
	}
	if hasErrors(diags) {
		msg := "Rien n'a été enregistré : corrigez les erreurs signalées ci-dessous, puis enregistrez à nouveau. Ce que vous avez saisi est conservé."
		if img != nil {
			msg += " L'image « " + img.name + " » non plus : choisissez-la à nouveau avant d'enregistrer."
		}
		e.again(w, r, s, text, diags, msg, http.StatusUnprocessableEntity)
		return
	}
	dest := s.path
	root, err := e.content()
	if err == nil {
		defer root.Close()
		if string(text) != string(s.diskText) {
			err = writeAtomic(root, s.rel, s.restore(text), false)
		}
	}
	if err == nil && img != nil {
		dest, err = addImage(root, s.rel, img)
	}
	if err != nil {
		why := err.Error()
		if errors.Is(err, fs.ErrExist) {
			why = "un dossier « " + strings.TrimSuffix(path.Base(s.rel), ".md") + " » existe déjà à côté de la page : rangez-le ailleurs pour que la page devienne un dossier avec son image"
		}
		e.again(w, r, s, text, diags, "L'enregistrement a échoué ("+why+") : ce que vous avez saisi est conservé ci-dessous ; réessayez.", http.StatusInternalServerError)
		return
	}
	target := Prefix + "page?fichier=" + url.QueryEscape(dest) + "&enregistre=1"
	if img != nil {
		target += "&image=" + url.QueryEscape(img.name)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// conflict answers a form opened on another version of the file than the
// one on disk: nothing is written; the form, re-based on the file on disk
// (what the staff did not change takes the value on disk, blocks follow
// the disk's), shows beside it. Saving it as it comes keeps both edits.
func (e *Editor) conflict(w http.ResponseWriter, r *http.Request, s *submitted) {
	taken := e.takeUntouched(s, r.PostFormValue("_version"))
	text, err := s.candidate()
	if err != nil {
		text = s.diskText
	}
	v := e.again(nil, r, s, text, e.opts.Site.Check(s.path, text), "", 0)
	v.conflict(s)
	switch {
	case s.diskErr != nil:
		v.Problem += " L'en-tête du fichier sur le disque ne peut pas être lu : corrigez-le d'abord dans un éditeur de texte."
	case err != nil:
		v.Problem += " Votre version ne peut pas être écrite telle quelle : " + err.Error() + "."
	}
	v.Taken = taken
	v.Hash = e.versions.keep(s.diskText)
	e.render(w, http.StatusConflict, "form.html", v)
}

func hasErrors(diags []diag.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

// again shows the form with what was sent, its findings and why it was
// not saved. With w nil, it only returns the view.
func (e *Editor) again(w http.ResponseWriter, r *http.Request, s *submitted, text []byte, diags []diag.Diagnostic, problem string, status int) *formView {
	v := buildView(s.info, s.specs, s.st, s.pages)
	v.Hash = r.PostFormValue("_version")
	v.Unknown = unknownKeys(s.disk.raw, s.specs)
	v.Problem = problem
	v.place(text, diags)
	if w != nil {
		e.render(w, status, "form.html", v)
	}
	return v
}

// takeUntouched gives every field that the form left as it was opened
// (version) its value on disk, and returns their labels. Without the text
// the form was opened on (serve restarted since), it changes nothing: the
// conflict screen then shows every field that differs.
func (e *Editor) takeUntouched(s *submitted, version string) []string {
	base, ok := e.versions.get(version)
	if !ok || s.diskErr != nil {
		return nil
	}
	opened, err := readFile(base)
	if err != nil {
		return nil
	}
	was, disk := stateOf(opened, s.specs), stateOf(s.disk, s.specs)
	var taken []string
	for _, sp := range s.specs {
		if sp.Block != nil {
			// The form's blocks follow the blocks of the file on disk,
			// matched by their values, not by their place.
			blocks, took, _ := rebaseBlocks(sp.Block, was.blocks[sp.Key], disk.blocks[sp.Key], s.st.blocks[sp.Key])
			s.st.blocks[sp.Key] = blocks
			for _, l := range took {
				taken = append(taken, sp.Label+" : "+l)
			}
			continue
		}
		if sameValue(sp, s.st.top[sp.Key], was.top[sp.Key]) && !sameValue(sp, s.st.top[sp.Key], disk.top[sp.Key]) {
			s.st.top[sp.Key] = disk.top[sp.Key]
			taken = append(taken, sp.Label)
		}
	}
	if s.st.body == was.body && s.st.body != disk.body {
		s.st.body = disk.body
		taken = append(taken, "Texte de la page")
	}
	return taken
}

// sameValue compares two values of a field as the form holds them: pages
// ticked in another order, or an unticked box and no value, are the same.
func sameValue(sp spec, a, b string) bool {
	switch {
	case a == b:
		return true
	case sp.Control == ctlRefs:
		return inOrder(a, b) == b
	case sp.Control == ctlBool:
		return (a == "" || a == "false") && (b == "" || b == "false")
	}
	return false
}

// conflict shows, beside the form as sent, the file as it is now on disk,
// and at each field the value on disk when it differs. Saving again
// writes over the version on disk, merged by the staff.
func (v *formView) conflict(s *submitted) {
	v.Conflict = string(s.diskText)
	v.Hash = hashOf(s.diskText)
	v.Problem = "Ce fichier a été modifié ailleurs pendant que vous le modifiiez : rien n'a été enregistré."
	disk := stateOf(s.disk, s.specs)
	for _, f := range v.Fields {
		d := disk.top[f.Key]
		if f.Control == ctlRefs && inOrder(f.Value, d) == d {
			continue // the same pages, ticked in another order
		}
		if d != f.Value {
			f.Disk, f.Differs = d, true
			v.Diffs = append(v.Diffs, f)
		}
	}
	for _, g := range v.Groups {
		onDisk := disk.blocks[g.Key]
		for _, b := range g.Blocks {
			if b.Kept {
				v.Kept = append(v.Kept, b.Legend)
			}
			for _, f := range b.Fields {
				d := ""
				if b.From >= 0 && b.From < len(onDisk) {
					d = onDisk[b.From].Values[f.Key]
				}
				if d != f.Value && !(d == "" && f.Value == "false") {
					f.Disk, f.Differs = d, true
					v.Diffs = append(v.Diffs, f)
				}
			}
		}
	}
	if len(v.Kept) > 0 {
		v.Problem += " Supprimés dans l'autre version mais modifiés ici, ces blocs sont gardés comme nouveaux blocs, à la fin : " + strings.Join(v.Kept, ", ") + ". Cochez « Supprimer ce bloc » si vous n'en voulez plus."
	}
	if disk.body != v.Body.Value {
		v.Body.Disk, v.Body.Differs = disk.body, true
		v.Diffs = append(v.Diffs, v.Body)
	}
}

// check answers the fetch the form makes as the staff type: the findings
// placed at their fields, as HTML fragments.
func (e *Editor) check(w http.ResponseWriter, r *http.Request) {
	s, ok := e.submission(w, r)
	if !ok {
		return
	}
	text, err := s.candidate()
	if err != nil {
		http.Error(w, "en-tête illisible", http.StatusUnprocessableEntity)
		return
	}
	v := buildView(s.info, s.specs, s.st, s.pages)
	v.place(text, e.opts.Site.Check(s.path, text))
	out := struct {
		Summary string            `json:"summary"`
		Fields  map[string]string `json:"fields"`
		Invalid map[string]bool   `json:"invalid"`
	}{Fields: map[string]string{}, Invalid: map[string]bool{}}
	var b strings.Builder
	_ = e.tmpl.ExecuteTemplate(&b, "summary", v)
	out.Summary = b.String()
	each := func(f *field) {
		b.Reset()
		_ = e.tmpl.ExecuteTemplate(&b, "messages", f)
		out.Fields[f.ID] = b.String()
		out.Invalid[f.ID] = f.Invalid()
	}
	for _, f := range v.Fields {
		each(f)
	}
	for _, g := range v.Groups {
		for _, bl := range g.Blocks {
			for _, f := range bl.Fields {
				each(f)
			}
		}
	}
	each(v.Body)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(out)
}

// preview renders the body sent by the site's own Markdown, its relative
// links leading where they lead from the page's address (_adresse).
func (e *Editor) preview(w http.ResponseWriter, r *http.Request) {
	if err := e.posted(w, r); err != nil {
		http.Error(w, "formulaire illisible", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	body := e.opts.Site.Markdown([]byte(strings.ReplaceAll(r.PostFormValue("body"), "\r\n", "\n")))
	_, _ = w.Write([]byte(rebase(body, r.PostFormValue("_adresse"))))
}

type newView struct {
	Kinds   []Kind
	Kind    string
	Title   string
	Problem string
}

// newPage creates a page as `new` does, then opens its form.
func (e *Editor) newPage(w http.ResponseWriter, r *http.Request) {
	v := newView{Kinds: e.opts.Site.Kinds()}
	if r.Method != http.MethodPost {
		e.render(w, http.StatusOK, "new.html", v)
		return
	}
	if err := e.posted(w, r); err != nil {
		http.Error(w, "formulaire illisible", http.StatusBadRequest)
		return
	}
	v.Kind, v.Title = r.PostFormValue("type"), strings.TrimSpace(r.PostFormValue("titre"))
	known := false
	for _, k := range v.Kinds {
		known = known || k.Name == v.Kind
	}
	if !known {
		v.Problem = "Choisissez le type de page."
		e.render(w, http.StatusUnprocessableEntity, "new.html", v)
		return
	}
	p, err := e.opts.Site.NewPage(v.Kind, v.Title)
	if err != nil {
		v.Problem = err.Error()
		e.render(w, http.StatusUnprocessableEntity, "new.html", v)
		return
	}
	http.Redirect(w, r, Prefix+"page?fichier="+url.QueryEscape(p)+"&cree=1", http.StatusSeeOther)
}

// open goes from a page of the preview to its form.
func (e *Editor) open(w http.ResponseWriter, r *http.Request) {
	u := r.URL.Query().Get("adresse")
	if !strings.HasSuffix(u, "/") && path.Ext(u) == "" {
		u += "/"
	}
	u = strings.TrimSuffix(u, "index.html")
	pages := e.opts.Site.Pages()
	for _, p := range pages.List {
		if p.URL == u && !p.Broken {
			http.Redirect(w, r, Prefix+"page?fichier="+url.QueryEscape(p.Path), http.StatusSeeOther)
			return
		}
	}
	e.listPage(w, http.StatusNotFound, "", "La page « "+u+" » est fabriquée par le site à partir des autres (une liste, une compétence, une commune…) : elle n'a pas de fichier à modifier. Modifiez les pages qu'elle montre.")
}

func (e *Editor) render(w http.ResponseWriter, status int, name string, data any) {
	var b strings.Builder
	if err := e.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		http.Error(w, "erreur de l'éditeur : "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}
