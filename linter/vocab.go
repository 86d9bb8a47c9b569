package linter

import (
	"github.com/qlint/qlint/lang"
	"github.com/qlint/qlint/rules"
)

// Kind is what a finding is about. Its value is the JSON report's "kind";
// what qlint knows of each kind is its row in kindTable.
type Kind string

// Finding kinds.
const (
	KindMissing   Kind = "missing"
	KindStale     Kind = "stale"
	KindDueSoon   Kind = "due_soon"
	KindPending   Kind = "pending"
	KindUncovered Kind = "uncovered"
	KindUnmapped  Kind = "unmapped"
	KindWaived    Kind = "waived"
	// KindUnreadable is a folder or file the walk could not read: its
	// proofs are not counted, so the user must know.
	KindUnreadable Kind = "unreadable"
	// KindFutureDate is a file dated after today: the clock of the machine
	// that made the commit was wrong. The date is counted as the as-of day.
	KindFutureDate Kind = "future_date"
	// KindAudit is a note on the audit calendar: the surveillance window
	// opens soon, or is open, and no audit date is booked; or a grid is
	// forced out of its period.
	KindAudit Kind = "audit"
)

// KindInfo is what qlint knows of a kind of finding: how reports name it,
// what it weighs and what can be done with it.
type KindInfo struct {
	// Words names the kind in reports ("périmé" / "stale").
	Words lang.Text
	// Help explains the kind on a CI tool's rule page when no rule of
	// qlint.toml makes the finding.
	Help lang.Text
	// Severity is the kind's severity; "" for the rule's own (a missing or
	// stale proof weighs what its rule says).
	Severity rules.Severity
	// Worsens is the indicator status a finding of this kind gives the
	// indicators it serves, unless deferred ("" for none).
	Worsens Status
	// Proof says the finding is about one rule's proof: filed late or
	// soon, to renew or to file (the to-do and the calendar list it).
	Proof bool
	// Late says the proof is overdue (missing, or expired).
	Late bool
	// Renew says the proof exists and expires (its Expires day counts);
	// else it is to be filed by its Due day.
	Renew bool
	// Waivable says a waiver of qlint.toml turns it into KindWaived.
	Waivable bool
	// Deferrable says it is only information until the surveillance audit
	// for a new entrant or a light audit.
	Deferrable bool
	// InConfig says the finding points at qlint.toml (its rule's line,
	// else the first line) rather than at a file, for CI annotations.
	InConfig bool
}

// kindTable is the vocabulary of findings: a new kind is one row here (a test
// checks that every kind has one, with words in both languages).
var kindTable = map[Kind]KindInfo{
	KindMissing: {Words: lang.T("manquant", "missing"),
		Worsens: StatusMissing, Proof: true, Late: true, Waivable: true, Deferrable: true, InConfig: true},
	KindStale: {Words: lang.T("périmé", "stale"),
		Worsens: StatusStale, Proof: true, Late: true, Renew: true, Waivable: true, Deferrable: true},
	KindDueSoon: {Words: lang.T("à renouveler", "due soon"), Severity: rules.SevWarning,
		Worsens: StatusDueSoon, Proof: true, Renew: true, Waivable: true, Deferrable: true},
	KindPending: {Words: lang.T("à venir", "pending"), Severity: rules.SevInfo,
		Proof: true, InConfig: true},
	KindUncovered: {Words: lang.T("non couvert", "uncovered"), Severity: rules.SevWarning,
		Worsens: StatusUncovered, Waivable: true, InConfig: true,
		Help: lang.T("Un indicateur qui s'applique à l'organisme n'a aucune règle : ajoutez dans qlint.toml une règle [[rule]] qui le cite et dit où sont ses preuves.",
			"An indicator that applies to the organization has no rule: add a [[rule]] in qlint.toml that names it and says where its proofs are.")},
	KindUnmapped: {Words: lang.T("non rattaché", "unmapped"), Severity: rules.SevInfo,
		Help: lang.T("Un fichier qu'aucune règle n'utilise : rattachez-le à une règle (paths), ou ignorez-le ([ignore] paths) s'il n'est pas une preuve.",
			"A file that no rule uses: attach it to a rule (paths), or ignore it ([ignore] paths) if it is not a proof.")},
	KindWaived: {Words: lang.T("dérogation", "waived"), Severity: rules.SevInfo},
	KindUnreadable: {Words: lang.T("illisible", "unreadable"), Severity: rules.SevWarning,
		Help: lang.T("Un fichier ou un dossier que qlint n'a pas pu lire ou ne suit pas (lien hors du dossier, boucle) : ses preuves ne sont pas comptées. Corrigez les droits ou le lien.",
			"A file or folder qlint could not read or does not follow (a link out of the folder, a loop): its proofs are not counted. Fix the rights or the link.")},
	KindFutureDate: {Words: lang.T("date future", "future date"), Severity: rules.SevWarning,
		Help: lang.T("Un commit daté après le jour jugé (horloge de la machine fausse) : la date est ramenée à ce jour. Vérifiez l'heure de la machine qui a fait le commit.",
			"A commit dated after the day judged (a wrong clock): the date is taken as that day. Check the clock of the machine that made the commit.")},
	KindAudit: {Words: lang.T("calendrier d'audit", "audit calendar"), Severity: rules.SevWarning, InConfig: true,
		Help: lang.T("Le calendrier d'audit : la fenêtre d'audit est ouverte ou proche sans date fixée, ou un référentiel est forcé hors de sa période. Fixez la date ([audit] next dans qlint.toml).",
			"The audit calendar: the audit window is open or near with no date booked, or a grid is forced out of its period. Book the date ([audit] next in qlint.toml).")},
}

// Kinds lists every finding kind, in the order of their constants.
func Kinds() []Kind {
	return []Kind{KindMissing, KindStale, KindDueSoon, KindPending, KindUncovered, KindUnmapped,
		KindWaived, KindUnreadable, KindFutureDate, KindAudit}
}

// setKind makes f a finding of kind k, with the kind's severity when it
// has one (else f keeps its rule's).
func (f *Finding) setKind(k Kind) {
	f.Kind = k
	if sev := kindTable[k].Severity; sev != "" {
		f.Severity = sev
	}
}

// Info is the kind's row of the vocabulary (zero for an unknown kind).
func (k Kind) Info() KindInfo { return kindTable[k] }

// Words names the kind in reports; an unknown kind is named as it is.
func (k Kind) Words() lang.Text {
	if i, ok := kindTable[k]; ok {
		return i.Words
	}
	return lang.T(string(k), string(k))
}

// Status is how an indicator stands. Its value is the JSON report's
// "status"; what qlint knows of each status is its row in statusTable.
type Status string

// Indicator statuses.
const (
	StatusOK            Status = "ok"
	StatusMissing       Status = "missing"
	StatusStale         Status = "stale"
	StatusDueSoon       Status = "due_soon"
	StatusUncovered     Status = "uncovered"
	StatusNotApplicable Status = "not_applicable"
)

// StatusInfo is what qlint knows of an indicator status.
type StatusInfo struct {
	// Words names the status in reports, in capitals ("PÉRIMÉ" / "STALE").
	Words lang.Text
	// Order ranks statuses from what an auditor would hold against the
	// organization first (1) to what does not apply.
	Order int
	// ToFix says the indicator needs work.
	ToFix bool
	// count is the status's counter in a summary.
	count func(*StatusCounts) *int
}

// statusTable is the vocabulary of indicator statuses (a test checks that
// every status has a row, with words in both languages).
var statusTable = map[Status]StatusInfo{
	StatusMissing: {Words: lang.T("MANQUANT", "MISSING"), Order: 1, ToFix: true,
		count: func(c *StatusCounts) *int { return &c.Missing }},
	StatusStale: {Words: lang.T("PÉRIMÉ", "STALE"), Order: 2, ToFix: true,
		count: func(c *StatusCounts) *int { return &c.Stale }},
	StatusUncovered: {Words: lang.T("NON COUVERT", "UNCOVERED"), Order: 3, ToFix: true,
		count: func(c *StatusCounts) *int { return &c.Uncovered }},
	StatusDueSoon: {Words: lang.T("À RENOUVELER", "DUE SOON"), Order: 4, ToFix: true,
		count: func(c *StatusCounts) *int { return &c.DueSoon }},
	StatusOK: {Words: lang.T("CONFORME", "OK"), Order: 5,
		count: func(c *StatusCounts) *int { return &c.OK }},
	StatusNotApplicable: {Words: lang.T("NON APPLICABLE", "N/A"), Order: 6,
		count: func(c *StatusCounts) *int { return &c.NotApplicable }},
}

// Statuses lists every indicator status, worst first.
func Statuses() []Status {
	return []Status{StatusMissing, StatusStale, StatusUncovered, StatusDueSoon, StatusOK, StatusNotApplicable}
}

// Info is the status's row of the vocabulary (zero for an unknown status).
func (s Status) Info() StatusInfo { return statusTable[s] }

// Words names the status in reports, in capitals.
func (s Status) Words() lang.Text { return statusTable[s].Words }

// worse reports whether status s is worse than t ("" is better than any).
func (s Status) worse(t Status) bool {
	return t == "" || statusTable[s].Order < statusTable[t].Order
}

// add counts one indicator of status s.
func (c *StatusCounts) add(s Status) {
	if i, ok := statusTable[s]; ok {
		*i.count(c)++
	}
}

// DateSource says where a proof's date comes from. Its value is the JSON
// report's "date_source".
type DateSource string

// Date sources.
const (
	SourceGit         DateSource = "git"
	SourceUncommitted DateSource = "uncommitted"
	SourceMtime       DateSource = "mtime"
	SourceFilename    DateSource = "filename"
	// SourceMoved dates a file not yet committed at its path whose content
	// is that of a file at HEAD (moved or renamed, staged or not): it keeps
	// that file's git date.
	SourceMoved DateSource = "moved"
)

// sourceTable is the vocabulary of date sources, in people's words (a test
// checks that every source has a row in both languages).
var sourceTable = map[DateSource]lang.Text{
	SourceGit:         lang.T("enregistré", "committed"),
	SourceUncommitted: lang.T("modifié, pas encore enregistré", "changed, not committed yet"),
	SourceMtime:       lang.T("date du fichier", "file date"),
	SourceFilename:    lang.T("date du nom", "date in the name"),
	SourceMoved:       lang.T("déplacé, pas encore enregistré", "moved, not committed yet"),
}

// DateSources lists every date source.
func DateSources() []DateSource {
	return []DateSource{SourceGit, SourceUncommitted, SourceMtime, SourceFilename, SourceMoved}
}

// Words says where a proof's date comes from, in people's words:
// « enregistré » (a commit), « modifié, pas encore enregistré », « date du
// fichier » (outside git), « date du nom », « déplacé, pas encore
// enregistré » (a move not yet committed: the date before the move).
func (s DateSource) Words() lang.Text {
	if w, ok := sourceTable[s]; ok {
		return w
	}
	return lang.T(string(s), string(s))
}
