package linter

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/safefile"
	"github.com/qlint/qlint/rules"
)

// The sentences of findings. Each says what is wrong in the quality
// manager's words (the proof, the folder), then what to do.

func label(r *rules.Rule) string {
	if r.Title != "" {
		return r.Title
	}
	return r.ID
}

// labelEN names the rule in English: its title_en, else as label does (a
// rule of the user's qlint.toml keeps the words she wrote).
func labelEN(r *rules.Rule) string {
	if r.TitleEN != "" {
		return r.TitleEN
	}
	return label(r)
}

// labelIn names the rule in language l.
func labelIn(r *rules.Rule, l i18n.Lang) string {
	return i18n.T(label(r), labelEN(r)).In(l)
}

func patterns(r *rules.Rule) string {
	s := ""
	for i, p := range r.Paths {
		if i > 0 {
			s += ", "
		}
		s += rules.ReadablePattern(p)
	}
	return s
}

func msgMissing(r *rules.Rule, found int) i18n.Text {
	if found == 0 {
		return i18n.T(
			fmt.Sprintf("Aucune preuve « %s » : aucun fichier ne correspond à %s. Déposez le document à cet emplacement, ou corrigez le motif de la règle « %s » dans qlint.toml.", label(r), patterns(r), r.ID),
			fmt.Sprintf("No proof for %q: no file matches %s. Add the document there, or fix the pattern of rule %q in qlint.toml.", labelEN(r), patterns(r), r.ID))
	}
	return i18n.T(
		fmt.Sprintf("Preuves « %s » incomplètes : %s, %d attendus (%s). Ajoutez les documents manquants.", label(r), i18n.N(found, "fichier trouvé", "fichiers trouvés", "", "").FR, r.Min, patterns(r)),
		fmt.Sprintf("Proofs for %q are incomplete: %s found, %d expected (%s). Add the missing documents.", labelEN(r), i18n.N(found, "", "", "file", "files").EN, r.Min, patterns(r)))
}

func msgMissingIn(r *rules.Rule, dir string, found int, due rules.Day) i18n.Text {
	since := i18n.T("", "")
	if !due.IsZero() {
		since = i18n.T(fmt.Sprintf(" (à fournir depuis le %s)", due.French()), fmt.Sprintf(" (due since %s)", due))
	}
	if found == 0 {
		return i18n.T(
			fmt.Sprintf("Dans %s, il manque « %s »%s : aucun fichier ne correspond à %s. Déposez cette preuve dans ce dossier.", dir, label(r), since.FR, patterns(r)),
			fmt.Sprintf("In %s, %q is missing%s: no file matches %s. Add it to that folder.", dir, labelEN(r), since.EN, patterns(r)))
	}
	return i18n.T(
		fmt.Sprintf("Dans %s, « %s » est incomplet%s : %s sur %d attendus. Complétez le dossier.", dir, label(r), since.FR, i18n.N(found, "fichier", "fichiers", "", "").FR, r.Min),
		fmt.Sprintf("In %s, %q is incomplete%s: %s of %d expected. Complete the folder.", dir, labelEN(r), since.EN, i18n.N(found, "", "", "file", "files").EN, r.Min))
}

func msgNoFolder(r *rules.Rule, t *Tree) i18n.Text {
	parent := itemParent(r, t)
	example := itemExample(parent)
	return i18n.T(
		fmt.Sprintf("Pas encore de dossier dans %s (aucun ne correspond à %s) : « %s » se dépose dans le dossier de chaque élément suivi (une session, un intervenant, une certification…), il n'y en a donc aucun à vérifier ni en retard. Créez un dossier par élément dans %s%s, et déposez-y le document.", parent.FR, r.Each, label(r), parent.FR, example.FR),
		fmt.Sprintf("No folder in %s yet (none matches %s): %q is filed in each tracked item's folder (a session, a trainer, a certification…), so none is to check nor late. Create one folder per item in %s%s, and file the document in it.", parent.EN, r.Each, labelEN(r), parent.EN, example.EN))
}

// inDays says how far a day is: "aujourd'hui", "demain", "dans 12 jours".
func inDays(n int) i18n.Text {
	switch n {
	case 0:
		return i18n.T("aujourd'hui", "today")
	case 1:
		return i18n.T("demain", "tomorrow")
	}
	return i18n.T(fmt.Sprintf("dans %d jours", n), fmt.Sprintf("in %d days", n))
}

func msgPending(r *rules.Rule, dir string, due rules.Day, asOf rules.Day) i18n.Text {
	n := inDays(asOf.DaysUntil(due))
	return i18n.T(
		fmt.Sprintf("Dans %s, « %s » sera à fournir au plus tard le %s (%s).", dir, label(r), due.French(), n.FR),
		fmt.Sprintf("In %s, %q will be due by %s (%s).", dir, labelEN(r), due, n.EN))
}

func where(dir string) i18n.Text {
	if dir == "" {
		return i18n.Text{}
	}
	return i18n.T(" (dans "+dir+")", " (in "+dir+")")
}

func msgStale(r *rules.Rule, dir, path string, last, expires rules.Day) i18n.Text {
	w := where(dir)
	return i18n.T(
		fmt.Sprintf("« %s »%s est périmé : dernière mise à jour le %s (%s), à renouveler %s, échu depuis le %s. Mettez le document à jour et enregistrez la nouvelle version (commit).", label(r), w.FR, last.French(), path, r.MaxAge.Every().FR, expires.AddDays(1).French()),
		fmt.Sprintf("%q%s is stale: last updated on %s (%s), to renew %s, expired on %s. Update the document and commit the new version.", labelEN(r), w.EN, last, path, r.MaxAge.Every().EN, expires.AddDays(1)))
}

func msgDueSoon(r *rules.Rule, dir, path string, last, expires, asOf rules.Day) i18n.Text {
	w := where(dir)
	n := inDays(asOf.DaysUntil(expires))
	return i18n.T(
		fmt.Sprintf("« %s »%s arrive à échéance le %s (%s) : dernière mise à jour le %s (%s). Prévoyez sa mise à jour.", label(r), w.FR, expires.French(), n.FR, last.French(), path),
		fmt.Sprintf("%q%s expires on %s (%s): last updated on %s (%s). Plan its update.", labelEN(r), w.EN, expires, n.EN, last, path))
}

func msgUncovered(ind rules.Indicator) i18n.Text {
	return i18n.T(
		fmt.Sprintf("L'indicateur %d (%s) s'applique à l'organisme, mais aucune règle ne le vérifie. Ajoutez une règle [[rule]] avec indicators = [%d] dans qlint.toml, ou extends = \"qualiopi\".", ind.ID, ind.Title.FR, ind.ID),
		fmt.Sprintf("Indicator %d (%s) applies to the organization, but no rule checks it. Add a [[rule]] with indicators = [%d] to qlint.toml, or extends = \"qualiopi\".", ind.ID, ind.Title.EN, ind.ID))
}

// msgUnmappedLike is msgUnmapped for a file that looks like the proof of r,
// a rule checked in each item's folder under parent, but lies in none: it
// is not checked, whatever the indicator says.
func msgUnmappedLike(path string, r *rules.Rule, parent i18n.Text) i18n.Text {
	inds := make([]string, len(r.Indicators))
	for i, n := range r.Indicators {
		inds[i] = fmt.Sprint(n)
	}
	list := strings.Join(inds, ", ")
	return i18n.T(
		fmt.Sprintf("%s ressemble à « %s » (indicateur %s), mais n'est dans aucun dossier d'élément de %s : il n'est pas vérifié. Rangez-le dans le dossier de l'élément qu'il concerne, dans %s.", path, label(r), list, parent.FR, parent.FR),
		fmt.Sprintf("%s looks like %q (indicator %s), but lies in no item folder of %s: it is not checked. File it in the folder of the item it concerns, in %s.", path, labelEN(r), list, parent.EN, parent.EN))
}

func msgUnmapped(path string) i18n.Text {
	return i18n.T(
		fmt.Sprintf("%s ne sert de preuve à aucune règle : rangez-le dans le bon dossier, ou ignorez-le avec [ignore] paths dans qlint.toml.", path),
		fmt.Sprintf("%s serves as proof for no rule: file it in the right folder, or ignore it with [ignore] paths in qlint.toml.", path))
}

// msgProblem says why the walk left a place out, and what to do.
func msgProblem(p WalkProblem) i18n.Text {
	switch p.Reason {
	case ProblemVanished:
		return i18n.T(
			fmt.Sprintf("%s a disparu pendant la lecture du dossier : relancez qlint une fois les fichiers en place.", p.Path),
			fmt.Sprintf("%s vanished while the folder was read: run qlint again once the files are in place.", p.Path))
	case ProblemLinkOut:
		return i18n.T(
			fmt.Sprintf("%s est un lien vers l'extérieur du dossier de preuves : il n'est pas suivi. Copiez la preuve dans le dossier.", p.Path),
			fmt.Sprintf("%s is a link that leads out of the evidence folder: it is not followed. Copy the proof into the folder.", p.Path))
	case ProblemLinkBroken:
		return i18n.T(
			fmt.Sprintf("%s est un lien cassé (sa cible n'existe pas) : supprimez-le ou réparez-le.", p.Path),
			fmt.Sprintf("%s is a broken link (its target does not exist): remove or fix it.", p.Path))
	case ProblemLinkLoop:
		return i18n.T(
			fmt.Sprintf("%s est un lien vers l'un de ses dossiers parents (une boucle) : il n'est pas suivi.", p.Path),
			fmt.Sprintf("%s is a link to one of its own parent folders (a loop): it is not followed.", p.Path))
	case ProblemLinkAgain:
		return i18n.T(
			fmt.Sprintf("%s mène à un dossier déjà lu par un autre lien : il n'est lu qu'une fois.", p.Path),
			fmt.Sprintf("%s leads to a folder already read through another link: it is read once only.", p.Path))
	case ProblemName:
		return i18n.T(
			fmt.Sprintf("Le nom « %s » n'est pas en UTF-8 (souvent un fichier venu d'un vieux système Windows) : renommez-le pour qu'il s'affiche partout.", p.Path),
			fmt.Sprintf("The name %q is not UTF-8 (often a file from an old Windows system): rename it so that it shows everywhere.", p.Path))
	}
	if errors.Is(p.Err, safefile.ErrTooLarge) || errors.Is(p.Err, safefile.ErrNotRegular) || safefile.Escapes(p.Err) {
		why := safefile.Reason(p.Err)
		return i18n.T(fmt.Sprintf("%s n'est pas lu : %s. Remplacez-le par un fichier ordinaire de taille raisonnable.", p.Path, why.FR),
			fmt.Sprintf("%s is not read: %s. Replace it with a regular file of a sensible size.", p.Path, why.EN))
	}
	if errors.Is(p.Err, fs.ErrPermission) {
		return i18n.T(
			fmt.Sprintf("%s n'a pas pu être lu (accès refusé) : ses preuves ne sont pas comptées. Vérifiez les droits d'accès.", p.Path),
			fmt.Sprintf("%s could not be read (permission denied): its proofs are not counted. Check the access rights.", p.Path))
	}
	return i18n.T(
		fmt.Sprintf("%s n'a pas pu être lu (%v) : ses preuves ne sont pas comptées. Vérifiez les droits d'accès.", p.Path, p.Err),
		fmt.Sprintf("%s could not be read (%v): its proofs are not counted. Check the access rights.", p.Path, p.Err))
}

func msgWaived(base i18n.Text, w *rules.Waiver) i18n.Text {
	owner := i18n.Text{}
	if w.Owner != "" {
		owner = i18n.T(", responsable "+w.Owner, ", owner "+w.Owner)
	}
	until := i18n.Text{}
	if !w.Until.IsZero() {
		until = i18n.T(" jusqu'au "+w.Until.French(), " until "+w.Until.String())
	}
	return i18n.T(
		fmt.Sprintf("Dérogation%s%s : %s. [%s]", until.FR, owner.FR, w.Reason, base.FR),
		fmt.Sprintf("Waived%s%s: %s. [%s]", until.EN, owner.EN, w.Reason, base.EN))
}

func msgWaiverExpired(base i18n.Text, w *rules.Waiver) i18n.Text {
	return i18n.T(
		fmt.Sprintf("%s (La dérogation « %s » a expiré le %s : renouvelez-la ou traitez le point.)", base.FR, w.Reason, w.Until.French()),
		fmt.Sprintf("%s (The waiver %q expired on %s: renew it or fix the point.)", base.EN, w.Reason, w.Until))
}

func msgDeferred(base i18n.Text, newEntrant bool, until rules.Day) i18n.Text {
	when := i18n.T("l'audit de surveillance", "the surveillance audit")
	if !until.IsZero() {
		when = i18n.T("l'audit de surveillance (fenêtre ouverte le "+until.French()+")", "the surveillance audit (window opens "+until.String()+")")
	}
	why := i18n.T("audit allégé : indicateur vérifié à ", "light audit: this indicator is checked at ")
	if newEntrant {
		why = i18n.T("nouvel entrant : la mise en œuvre est vérifiée à ", "new entrant: implementation is checked at ")
	}
	return i18n.T(
		fmt.Sprintf("%s (Pour information, %s%s.)", base.FR, why.FR, when.FR),
		fmt.Sprintf("%s (For information, %s%s.)", base.EN, why.EN, when.EN))
}

func msgWindowSoon(c rules.Cycle, asOf rules.Day) i18n.Text {
	n := inDays(asOf.DaysUntil(c.WindowOpens))
	return i18n.T(
		fmt.Sprintf("La fenêtre de l'audit de surveillance s'ouvre le %s (%s) et va jusqu'au %s, mais aucune date n'est fixée. Convenez-en avec votre certificateur, puis notez-la dans [audit] next de qlint.toml.", c.WindowOpens.French(), n.FR, c.WindowCloses.French()),
		fmt.Sprintf("The surveillance audit window opens on %s (%s) and runs until %s, but no date is booked. Agree on one with your certifier, then write it in [audit] next of qlint.toml.", c.WindowOpens, n.EN, c.WindowCloses))
}

func msgWindowOpen(c rules.Cycle, asOf rules.Day) i18n.Text {
	n := inDays(asOf.DaysUntil(c.WindowCloses))
	return i18n.T(
		fmt.Sprintf("La fenêtre de l'audit de surveillance est ouverte jusqu'au %s (%s) et aucune date n'est fixée : sans audit dans ce délai, la certification est suspendue. Convenez d'une date avec votre certificateur et notez-la dans [audit] next.", c.WindowCloses.French(), n.FR),
		fmt.Sprintf("The surveillance audit window is open until %s (%s) and no date is booked: without an audit by then, the certification is suspended. Book a date with your certifier and write it in [audit] next.", c.WindowCloses, n.EN))
}

func msgFuture(path string, d, asOf rules.Day) i18n.Text {
	return i18n.T(
		fmt.Sprintf("%s est daté du %s, dans le futur : l'horloge de l'ordinateur qui l'a enregistré était fausse. qlint le compte comme mis à jour le %s ; corrigez l'horloge.", path, d.French(), asOf.French()),
		fmt.Sprintf("%s is dated %s, in the future: the clock of the computer that recorded it was wrong. qlint counts it as updated on %s; fix the clock.", path, d, asOf))
}
