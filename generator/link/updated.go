package link

import (
	"terredetalents/generator/content"
	"terredetalents/generator/diag"
)

// checkUpdated warns about a hiring company whose profile was last
// reviewed (updated) more than a year ago: people would apply on stale
// information. A profile without updated is not checked: its date is when
// it was written, and sites that never review would get a warning a page.
func checkUpdated(s *content.Site, p *content.Page, diags *diag.List) {
	if h, ok := p.Data.(interface{ IsHiring() bool }); !ok || !h.IsHiring() || s.Now.IsZero() {
		return
	}
	last, pos := p.Updated, p.UpdatedPos
	if last.IsZero() || !last.Time.Before(s.Now.AddDate(-1, 0, 0)) {
		return
	}
	if pos.Line == 0 {
		pos = diag.Pos{File: p.Source, Line: 1, Col: 1}
	}
	diags.Warnf(pos, "stale-profile",
		"cette entreprise recrute, mais sa fiche date du %s, il y a plus d'un an : relisez-la avec elle (offres, contact, compétences), puis écrivez la date du jour dans « updated », par exemple updated = %s",
		last.French(), s.Now.Format("2006-01-02"))
}
