package main

import (
	"strings"

	"github.com/qlint/qlint/internal/i18n"
)

// The help of every command is written twice, as every message is: the
// French text where the command is defined, the English one here, keyed by
// the French (a test checks that each French text has its English one, and
// that neither holds the other language's common words). --lang en (or
// lang = "en" read from the command line) chooses English.

// usagesEN are the commands' help texts in English, by their French text.
var usagesEN = map[string]string{
	mainUsage: `qlint checks a training organization's Qualiopi evidence folder:
indicator by indicator, the proofs that are missing or out of date.

Usage:
  qlint [lint] [FOLDER] [options]    check the folder (default: .)
  qlint init [FOLDER] [options]      prepare qlint.toml and the folders
  qlint explain N [FOLDER]           indicator N: what it asks, its proofs
  qlint watch [FOLDER]               check again at every change, until Ctrl-C
  qlint hook install|uninstall       install or remove the git pre-commit hook
  qlint calendar [-o FILE.ics]       the proofs' due dates, for the calendar
  qlint demo [FOLDER]                a demo folder, checked
  qlint version                      version, commit and Go version

Examples:
  qlint                                check the current folder
  qlint proofs --lang en               report in English
  qlint -f json -o report.json         JSON report in a file
  qlint -f html -o binder.html         the audit binder, to print
  qlint --as-of 2026-10-05             judge on the day of the audit

'qlint COMMAND -h' details a command.
Exit codes: 0 nothing to fix, 1 findings, 2 could not judge.
`,
	lintUsage: `Usage: qlint [lint] [FOLDER] [options]

Checks the evidence folder FOLDER (default: the current folder) against the
rules of FOLDER/qlint.toml and prints, criterion by criterion and indicator
by indicator, the proofs that are missing, out of date or due for renewal.
Run in a subfolder, qlint looks for qlint.toml in the parent folders, up to
the root of the git repository, and checks that evidence folder; run above,
it names the evidence folders it finds further down.
A proof's date is that of the last commit that changed its content (a move
or a rename does not count, even not yet committed); a file changed but not
yet committed counts at its modification date.

The referential is the one of the day judged (referential = "auto", the
default): the V9 grid (32 indicators) for audits up to 31 October 2026, the
2026 grid (décret n° 2026-728, 33 indicators) from 1 November 2026.
referential = "rnq-v9" or "rnq-2026" in qlint.toml forces a grid.

Examples:
  qlint                              the current folder
  qlint ~/proofs --lang en           in English
  qlint -f json -o report.json       JSON report
  qlint --as-of 2026-10-05           as the auditor will see it that day
  qlint --as-of next-audit           on the day of the next audit ([audit] next)
  qlint --fail-on warning            exit 1 on warnings too
  qlint --new-from-rev main          only what was added since main
  qlint --pre-commit --new-from-rev HEAD
                                     the commit under way: refused only when it
                                     adds a problem (what the hook does)

Exit codes: 0 nothing to fix, 1 findings, 2 could not judge (invalid option,
invalid qlint.toml, missing folder, partial clone...).
`,
	calendarUsage: `Usage: qlint calendar [FOLDER] [-o FILE.ics] [options]

Writes the due dates of the evidence folder as an iCalendar file, to import
into the usual calendar (Outlook, Google Calendar, Thunderbird...): the day
each proof with a limited life expires, the day each session document is
expected, the surveillance audit window and the renewal, each with a
reminder (warn_within of qlint.toml) before; and each proof already late
(stale or missing), one event on the day judged: "overdue since …".
Importing a newer file updates the events without doubling them.

Examples:
  qlint calendar -o qualiopi.ics
  qlint calendar proofs -o qualiopi.ics --lang en
`,
	demoUsage: `Usage: qlint demo [FOLDER] [options]

Creates a demo evidence folder, a git repository with about two years of
history (sessions and their folders, watch notes, trainers' CVs, a
reorganization that moved a folder, a few proofs missing or stale on
purpose), then checks it. Without FOLDER, a new temporary folder is made.
An existing FOLDER must be empty: nothing is ever overwritten; it must
lie outside any git repository.
Dates are counted back from --as-of (default: today).
The command exits 0 when the demo is created and checked: the findings of
the report are on purpose.

Examples:
  qlint demo
  qlint demo ./demo-proofs --lang en
  qlint demo --as-of 2026-11-22 -f json
`,
	explainUsage: `Usage: qlint explain N [FOLDER] [options]
       qlint explain --changes [FOLDER] [options]

Explains indicator N of the Qualiopi referential (1 to 32 on the V9 grid,
1 to 33 on the 2026 grid): what it asks, what the 2026 grid adds to it,
whether it applies to the organization and why, the rules that check it
(built in or from qlint.toml, official rhythm or common practice), the
files found with their dates, and what is left to do.
The grid is the one of the day judged (--as-of, default today), or the one
referential sets in qlint.toml. Judged before 1 November 2026, explain 33
says the indicator is new and explains it on the 2026 grid.
Without qlint.toml, only the referential is described.

--changes shows the move to the 2026 grid at a glance: indicator by
indicator, what changes, and what the new grid asks that the folder does
not have yet (useful before as after 1 November 2026).

Examples:
  qlint explain 23
  qlint explain 33 --lang en
  qlint explain 11 proofs --as-of next-audit
  qlint explain --changes
`,
	hookUsage: `Usage: qlint hook install|uninstall [FOLDER]

install writes the git hook .git/hooks/pre-commit, which checks the evidence
folder FOLDER (default: the current folder) at every commit and compares it
with the last commit: a commit is refused only when it makes things worse
(a proof removed, gone stale or renamed out of its rule). What was already
to fix is counted on one line, without blocking: the hook can be installed
on the first day, on a folder still being built. With --strict, it refuses
any commit that leaves a required proof missing or stale.
Staged changes (git add) count as updated on the day of the commit.
qlint never overwrites a hook it did not write: it says how to chain it.
uninstall removes the hook, only when qlint wrote it.

Examples:
  qlint hook install
  qlint hook install proofs
  qlint hook install --strict
  qlint hook uninstall
`,
	initUsage: `Usage: qlint init [FOLDER] [options]

Prepares an evidence folder (default: the current folder): writes a
qlint.toml with the organization's profile and the built-in rules
(extends = "qualiopi"), and creates the default layout, only the folders
that concern this profile, each with a README.md that says which proofs to
file there and which indicators they serve.

The folders are those of the grid of the referential in force that day
(rnq-2026 for audits from 1 November 2026), or of the one referential sets
in an existing qlint.toml.

qlint init never overwrites anything. On a folder that already has its
qlint.toml, it only adds the folders missing for that file's profile and
grid (those of the 2026 grid for instance), without touching qlint.toml nor
the files there; profile options (--categories, --certifying...) then stop
the command (exit 2): --force rewrites the profile in it ([organization],
and [audit] initial when --initial-audit is given), starting from the
profile the file declares, and keeps the rest as it is: rules, waivers,
audit dates, comments. Running the command again only creates what is
missing.

A folder already there under a name the rules read as the layout's
(Sessions for sessions, "Analyse besoin" for analyse-besoin) gets its
README where it is, with no twin beside it; beside a README.md of yours,
the description goes in LISEZMOI.md.

Examples:
  qlint init
  qlint init proofs --categories AF,BC --certifying --initial-audit 2025-06-12
  qlint init --categories CFA --name "CFA des Métiers" --lang en
`,
	watchUsage: `Usage: qlint watch [FOLDER] [options]

Checks the evidence folder, then checks it again after every change (files
moved, added, changed, deleted, a commit, qlint.toml edited), until Ctrl-C.
Bursts of changes (moving a folder of 500 files) give one check only, on the
final state. In text, the first report is whole; then, at every change,
qlint writes one line that sums up what changed (the files by name) and the
to-do, by date (--full for the whole report every time, or run qlint). In
JSON (-f json), each check writes one report on one line (NDJSON).

A mistake in qlint.toml is shown (file:line:column) and watching goes on
with the last valid rules.

Examples:
  qlint watch
  qlint watch proofs --lang en
  qlint watch -f json > reports.ndjson
  qlint watch --poll 5s             on a network or synced drive
  qlint watch --serve --open        the live binder in the browser
  qlint watch --serve 127.0.0.1:8080   on a chosen port
`,
	versionUsage: `Usage: qlint version

Prints qlint's version, the commit it is built from and the Go version.

Example:
  qlint version
`,
}

// flagsEN are the options' descriptions in English, by their French text.
var flagsEN = map[string]string{
	"fichier de règles (par défaut qlint.toml dans DOSSIER, sinon dans le dossier parent le plus proche, jusqu'à la racine du dépôt)":                                             "rules file (default: qlint.toml in FOLDER, else in the nearest parent folder, up to the root of the repository)",
	"format du rapport : text, json, github (annotations et résumé de GitHub Actions), gitlab (Code Quality de GitLab), markdown, sarif ou html (le classeur d'audit à imprimer)": "report format: text, json, github (GitHub Actions annotations and summary), gitlab (GitLab Code Quality), markdown, sarif or html (the audit binder, to print)",
	"écrire dans ce fichier plutôt qu'à l'écran":                                                                                               "write to this file instead of the screen",
	"juger la fraîcheur à cette date (JJ/MM/AAAA ou AAAA-MM-JJ) ou à next-audit ; par défaut aujourd'hui":                                      "judge freshness on this day (DD/MM/YYYY or YYYY-MM-DD) or on next-audit; today by default",
	"sortir en 1 dès un constat de ce niveau : error, warning ou never":                                                                        "exit 1 on a finding of this level: error, warning or never",
	"langue du rapport : fr ou en (par défaut celle de qlint.toml, sinon fr)":                                                                  "report language: fr or en (default: that of qlint.toml, else fr)",
	"pas de couleurs (aussi avec la variable NO_COLOR)":                                                                                        "no colours (also with the NO_COLOR variable)",
	"accepter un clone superficiel (shallow), aux dates peu fiables":                                                                           "accept a shallow clone, whose dates cannot be trusted",
	"juger le commit en cours : les changements indexés (git add) comptent comme mis à jour aujourd'hui":                                       "judge the commit under way: staged changes (git add) count as updated today",
	"lecture de l'historique : auto (le lecteur le plus rapide pour la forme du dépôt), cli (la commande git) ou builtin (le lecteur intégré)": "how history is read: auto (the fastest reader for the repository's shape), cli (the git command) or builtin (the built-in reader)",
	"ignorer le cache d'historique gardé dans .git/qlint":                                                                                      "ignore the history cache kept in .git/qlint",
	"ne signaler que ce que l'état du dossier à cette révision git (branche, étiquette, commit), jugé le même jour avec les mêmes règles, n'a pas ; le code de sortie ne compte que ces constats": "report only what the folder as it was at this git revision (branch, tag, commit), judged on the same day with the same rules, does not have; the exit code counts only these findings",
	"ce que la grille 2026 change, et ce qui manque au dossier pour elle":                                 "what the 2026 grid changes, and what the folder lacks for it",
	"catégories d'actions, séparées par des virgules : AF, BC, VAE, CFA":                                  "categories of services, separated by commas: AF, BC, VAE, CFA",
	"prestations menant à une certification RNCP ou RS":                                                   "services leading to an RNCP or RS certification",
	"recours à la sous-traitance ou au portage salarial":                                                  "uses subcontractors or wage portage",
	"alternance, périodes en entreprise, AFEST":                                                           "work-linked training, periods in companies, AFEST",
	"nouvel entrant : premier audit, sans activité passée":                                                "new entrant: first audit, no past activity",
	"audit allégé (label qualité antérieur reconnu)":                                                      "light audit (a recognized earlier quality label)",
	"date de l'audit initial, JJ/MM/AAAA ou AAAA-MM-JJ":                                                   "initial audit date, DD/MM/YYYY or YYYY-MM-DD",
	"langue des rapports et des README : fr ou en":                                                        "language of the reports and READMEs: fr or en",
	"nom de l'organisme (par défaut le nom du dossier)":                                                   "the organization's name (default: the folder's name)",
	"réécrire le profil d'un qlint.toml existant, en gardant règles, dérogations et dates d'audit":        "rewrite the profile of an existing qlint.toml, keeping rules, waivers and audit dates",
	"langue des messages : fr ou en":                                                                      "language of the messages: fr or en",
	"refuser tout commit qui laisse une preuve exigée manquante ou périmée, même déjà absente avant":      "refuse any commit that leaves a required proof missing or stale, even one already missing before",
	"attendre ce calme après un changement avant de vérifier":                                             "wait for this quiet after a change before checking",
	"scruter le dossier à cet intervalle au lieu d'écouter le système (ex. 5s)":                           "scan the folder at this interval instead of listening to the system (e.g. 5s)",
	"réafficher le rapport entier à chaque changement, pas seulement ce qui a changé et la liste à faire": "print the whole report at every change, not only what changed and the to-do",
	"montrer le classeur d'audit en direct dans le navigateur, à l'ADRESSE facultative (par défaut 127.0.0.1, un port libre) : HÔTE:PORT (ex. --serve 127.0.0.1:8080) ou HÔTE seul, un port libre (ex. --serve=localhost)": "show the live audit binder in the browser, at the optional ADDRESS (default 127.0.0.1, a free port): HOST:PORT (e.g. --serve 127.0.0.1:8080) or HOST alone, a free port (e.g. --serve=localhost)",
	"avec --serve : ouvrir la page dans le navigateur": "with --serve: open the page in the browser",
	"avec --serve : accepter une adresse autre que cet ordinateur (le dossier devient lisible par le réseau, sans mot de passe)": "with --serve: accept an address other than this computer (the folder becomes readable from the network, without a password)",
}

// placeholdersEN name a flag's value in the English help.
var placeholdersEN = map[string]string{
	"FICHIER": "FILE", "FORMAT": "FORMAT", "DATE": "DATE", "NIVEAU": "LEVEL", "LANGUE": "LANGUAGE",
	"MODE": "MODE", "DURÉE": "DURATION", "LISTE": "LIST", "NOM": "NAME", "VALEUR": "VALUE",
}

// helpText is a help text (a command's usage or an option's description)
// in language l; French is the text itself.
func helpText(fr string, l i18n.Lang) string {
	if l != i18n.EN {
		return fr
	}
	if en, ok := usagesEN[fr]; ok {
		return en
	}
	if en, ok := flagsEN[fr]; ok {
		return en
	}
	return fr
}

// helpWords are the few words the options' listing adds, in both languages.
var (
	helpOptions  = i18n.T("Options :", "Options:")
	helpDefault  = i18n.T(" (par défaut : %s)", " (default: %s)")
	helpValue    = i18n.T("VALEUR", "VALUE")
	helpDefaultW = i18n.T("par défaut", "default")
)

// placeholder names a flag's value in language l.
func placeholder(fr string, l i18n.Lang) string {
	if l == i18n.EN {
		if en, ok := placeholdersEN[fr]; ok {
			return en
		}
	}
	return fr
}

// hasDefault reports whether a description already says its default.
func hasDefault(desc string, l i18n.Lang) bool {
	return strings.Contains(desc, helpDefaultW.In(l))
}
