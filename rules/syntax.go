package rules

import (
	"regexp"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/qlint/qlint/internal/i18n"
	"github.com/qlint/qlint/internal/lazyre"
)

// syntaxKind is one kind of TOML syntax error: the TOML library's message
// (English, terse) is matched and said again in the user's words, by kind,
// with what the library found; the line and column are kept by the caller.
type syntaxKind struct {
	re       *lazyRE
	fr, en   string // %s stands for the first group, said in words
	hint     i18n.Text
	wordHint i18n.Text // when what was found is a bare word ("non", "oui")
	day      bool      // what was found is a date: said as --as-of says it
}

var (
	hintQuotes = i18n.T("un texte s'écrit entre guillemets, sur une seule ligne : \"comme ceci\"",
		"a string is written between quotes, on one line: \"like this\"")
	hintLine = i18n.T("vérifiez les guillemets, crochets et signes = de cette ligne",
		"check the quotes, brackets and = signs on that line")
	hintWord = i18n.T("un texte s'écrit entre guillemets (\"non\"), oui et non s'écrivent true et false",
		"a string is written between quotes (\"no\"), yes and no are written true and false")
	// hintDay gives both forms a date may take in qlint.toml (README).
	hintDay = i18n.T("écrivez la date sous la forme jj/mm/aaaa, entre guillemets (par exemple \"12/06/2025\"), ou aaaa-mm-jj",
		"write the date as dd/mm/yyyy, in quotes (for example \"12/06/2025\"), or yyyy-mm-dd")
	hintUTF8 = i18n.T("enregistrez qlint.toml en UTF-8 (dans le Bloc-notes : Enregistrer sous, Codage UTF-8)",
		"save qlint.toml as UTF-8 (in Notepad: Save as, Encoding UTF-8)")
)

var syntaxKinds = []syntaxKind{
	{re: lazyRegexp(`^strings cannot contain newlines`),
		fr: "un texte entre guillemets continue sur la ligne suivante : le guillemet fermant manque",
		en: "a quoted string runs onto the next line: the closing quote is missing", hint: hintQuotes},
	{re: lazyRegexp(`^expected value but found (.+) instead`),
		fr: "une valeur est attendue après =, mais la ligne contient %s",
		en: "a value is expected after =, but the line holds %s", hint: hintLine, wordHint: hintWord},
	{re: lazyRegexp(`^unexpected EOF; expected value`),
		fr: "une valeur est attendue après =, mais le fichier s'arrête",
		en: "a value is expected after =, but the file ends", hint: hintLine},
	{re: lazyRegexp(`^expected '\.' or '=', but got (.+) instead`),
		fr: "un signe = est attendu après le nom de la clé, mais la ligne contient %s",
		en: "an = sign is expected after the key's name, but the line holds %s",
		hint: i18n.T("une ligne s'écrit cle = valeur ; un nom de clé n'a pas d'espace ni d'accent",
			"a line is written key = value; a key's name has no space")},
	{re: lazyRegexp(`^unexpected EOF; expected key separator`),
		fr: "un signe = est attendu après le nom de la clé, mais le fichier s'arrête",
		en: "an = sign is expected after the key's name, but the file ends", hint: hintLine},
	{re: lazyRegexp(`^expected '\.' or '\]' to end table name, but got ['"]?(?:\\n|\n|\\r|\r|\\x00|EOF|end of file)['"]? instead`),
		fr: "le crochet ] qui ferme le nom de la section manque au bout de la ligne",
		en: "the ] that closes the section's name is missing at the end of the line",
		hint: i18n.T("une section s'écrit entre deux crochets : [ignore], [organization], [[rule]]",
			"a section is written between brackets: [ignore], [organization], [[rule]]")},
	{re: lazyRegexp(`^expected '\.' or '\]' to end table name, but got (.+) instead`),
		fr: "un crochet ] est attendu pour fermer le nom de la section, mais la ligne contient %s",
		en: "a ] is expected to close the section's name, but the line holds %s",
		hint: i18n.T("une section s'écrit [organization] ou [[rule]], sans espace dans le nom",
			"a section is written [organization] or [[rule]], without spaces in the name")},
	{re: lazyRegexp(`^expected end of table array name delimiter '\]', but got (.+) instead`),
		fr: "les crochets ]] sont attendus pour fermer [[rule]], mais la ligne contient %s",
		en: "]] is expected to close [[rule]], but the line holds %s",
		hint: i18n.T("écrivez [[rule]] ou [[waiver]], avec deux crochets de chaque côté",
			"write [[rule]] or [[waiver]], with two brackets on each side")},
	{re: lazyRegexp(`^expected a comma \(','\) or array terminator \('\]'\), but got (.+)`),
		fr: "une virgule ou un crochet ] est attendu dans la liste, mais elle contient %s",
		en: "a comma or a ] is expected in the list, but it holds %s",
		hint: i18n.T("une liste s'écrit entre crochets, éléments séparés par des virgules : [\"a/*.pdf\", \"b/*.pdf\"]",
			"a list is written between brackets, items separated by commas: [\"a/*.pdf\", \"b/*.pdf\"]")},
	{re: lazyRegexp(`^expected a comma or an inline table terminator '\}', but got (.+) instead`),
		fr: "une virgule ou une accolade } est attendue, mais la ligne contient %s",
		en: "a comma or a } is expected, but the line holds %s", hint: hintLine},
	{re: lazyRegexp(`^newlines not allowed within inline tables`),
		fr: "une table entre accolades { } s'écrit sur une seule ligne",
		en: "a table between braces { } is written on one line", hint: hintLine},
	{re: lazyRegexp(`^expected a top-level item to end with a newline, comment, or EOF, but got (.+) instead`),
		fr: "la ligne devrait s'arrêter après la valeur, mais elle contient encore %s",
		en: "the line should end after the value, but it still holds %s",
		hint: i18n.T("une valeur par ligne ; un commentaire commence par #",
			"one value per line; a comment starts with #")},
	{re: lazyRegexp(`^unexpected EOF; expected (.+)`),
		fr: "le fichier s'arrête avant la fin d'un texte : %s est attendu",
		en: "the file ends inside a string: %s is expected", hint: hintQuotes},
	{re: lazyRegexp(`^unexpected EOF`),
		fr: "le fichier s'arrête au milieu d'une ligne",
		en: "the file ends in the middle of a line", hint: hintLine},
	{re: lazyRegexp(`^unexpected '=': key name appears blank`),
		fr: "le nom de la clé manque avant le signe =",
		en: "the key's name is missing before the = sign", hint: hintLine},
	{re: lazyRegexp(`^unexpected '='`),
		fr: "signe = en trop",
		en: "one = sign too many", hint: hintLine},
	{re: lazyRegexp(`^unexpected '\.'`),
		fr: "point inattendu dans un nom de clé",
		en: "unexpected dot in a key's name", hint: hintLine},
	{re: lazyRegexp(`^unexpected comma`),
		fr: "virgule en trop",
		en: "one comma too many", hint: hintLine},
	{re: lazyRegexp(`table names cannot be empty`),
		fr:   "nom de section vide",
		en:   "empty section name",
		hint: i18n.T("une section s'écrit [organization] ou [[rule]]", "a section is written [organization] or [[rule]]")},
	{re: lazyRegexp(`^Key '(?:[^']*\.)?([^'.]+)' has already been defined`),
		fr: "la clé %s est déjà écrite plus haut dans cette section",
		en: "key %s is already written above in this section",
		hint: i18n.T("une clé ne s'écrit qu'une fois par section ou par [[rule]] : supprimez l'une des deux lignes",
			"a key is written once per section or [[rule]]: remove one of the two lines")},
	{re: lazyRegexp(`^Key '(?:[^']*\.)?([^'.]+)' was already created`),
		fr:   "la clé %s est déjà écrite plus haut sous une autre forme (section ou liste)",
		en:   "key %s is already written above in another form (section or list)",
		hint: i18n.T("une clé ne s'écrit qu'une fois : supprimez l'une des deux", "a key is written once: remove one of the two")},
	{re: lazyRegexp(`^"?(.+?)"? is not a table`),
		fr: "%s n'est pas une section",
		en: "%s is not a section", hint: hintLine},
	{re: lazyRegexp(`^invalid escape in string '(.+)'`),
		fr: "la barre oblique inversée %s n'est pas permise entre guillemets doubles",
		en: "the backslash %s is not allowed between double quotes",
		hint: i18n.T(`pour un chemin Windows, écrivez des / ('dossier/fichier.pdf') ou mettez le texte entre guillemets simples : 'C:\preuves'`,
			`for a Windows path, write / ('folder/file.pdf') or put the text between single quotes: 'C:\proofs'`)},
	{re: lazyRegexp(`^TOML files cannot contain control characters: '(.+)'`),
		fr:   "caractère de contrôle %s dans le fichier (souvent une tabulation ou un caractère invisible collé depuis un autre document)",
		en:   "control character %s in the file (often a tab or an invisible character pasted from another document)",
		hint: i18n.T("retapez la ligne à la main", "type the line again by hand")},
	{re: lazyRegexp(`^invalid UTF-8 byte: (.+)`),
		fr: "le fichier n'est pas en UTF-8 (octet %s)",
		en: "the file is not UTF-8 (byte %s)", hint: hintUTF8},
	{re: lazyRegexp(`^files cannot contain NULL bytes`),
		fr: "le fichier contient des octets nuls : il est sans doute enregistré en UTF-16",
		en: "the file holds NUL bytes: it is probably saved as UTF-16", hint: hintUTF8},
	{re: lazyRegexp(`^invalid datetime: (.+)`),
		fr:   "date invalide %s",
		en:   "invalid date %s",
		hint: hintDay, day: true},
	{re: lazyRegexp(`^(.+) is out of range for`),
		fr: "le nombre %s est trop grand",
		en: "the number %s is too large", hint: hintLine},
	{re: lazyRegexp(`^(?:expected a digit but got|invalid float:|not a binary number:|not a hexadecimal number:|not an octal number:|cannot use sign with non-decimal numbers:) ?(.*)`),
		fr:   "nombre mal écrit %s",
		en:   "badly written number %s",
		hint: i18n.T("un nombre s'écrit en chiffres, sans espace : 30 ou 0.5", "a number is written in digits, without spaces: 30 or 0.5")},
	{re: lazyRegexp(`^floats must start with a digit`),
		fr: "un nombre décimal commence par un chiffre : 0.5, pas .5",
		en: "a decimal number starts with a digit: 0.5, not .5", hint: hintLine},
	{re: lazyRegexp(`^expected (?:two|four|eight) hexadecimal digits after`),
		fr: "séquence \\x, \\u ou \\U incomplète entre guillemets doubles",
		en: "incomplete \\x, \\u or \\U sequence between double quotes", hint: hintQuotes},
}

// syntaxMessage says a TOML syntax error in both languages, with a hint.
// A message no kind knows is said as a syntax error on that line, with
// the library's words in English only.
func syntaxMessage(msg string) (i18n.Text, i18n.Text) {
	for _, k := range syntaxKinds {
		m := k.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		text := i18n.T(k.fr, k.en)
		hint := k.hint
		if len(m) > 1 {
			found := foundWords(m[1])
			text = i18n.T(strings.Replace(k.fr, "%s", found.FR, 1), strings.Replace(k.en, "%s", found.EN, 1))
			if k.day {
				// The same words as --as-of: « il n'y a pas de mois 13 ».
				text = DayProblem(strings.Trim(m[1], `"'`))
			}
			if !k.wordHint.IsZero() && bareWord(m[1]) {
				hint = k.wordHint
			}
		}
		return text, hint
	}
	return i18n.T("syntaxe TOML invalide à cet endroit", "invalid TOML syntax: "+msg), hintLine
}

// foundWords says what the library found: « non », la fin de la ligne.
func foundWords(s string) i18n.Text {
	u := strings.Trim(s, `"'`)
	switch u {
	case "end of file", "EOF":
		return i18n.T("la fin du fichier", "the end of the file")
	case `\n`, "\n", `\r`, "\r":
		return i18n.T("la fin de la ligne", "the end of the line")
	case "":
		return i18n.T("« "+s+" »", s)
	}
	return i18n.T("« "+u+" »", `"`+u+`"`)
}

// bareWord reports whether what was found is a word without quotes.
func bareWord(s string) bool {
	u := strings.Trim(s, `"'`)
	if u == "" || u == "end of file" {
		return false
	}
	for _, r := range u {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f) {
			return false
		}
	}
	return true
}

// unclosedHeader is the library's message for a section header left open
// at the end of its line ("[ignore").
var unclosedHeader = lazyre.New(`to end table name, but got '\\n'|table array name delimiter '\]', but got '\\n'`)

// syntaxLine is the line of a syntax error. For a section header left
// open, the library counts the line break it stopped at as the next line:
// the mistake is on the header's own line, at the column it gives.
func syntaxLine(pe toml.ParseError) int {
	if unclosedHeader.MatchString(pe.Message) && pe.Position.Line > 1 {
		return pe.Position.Line - 1
	}
	return pe.Position.Line
}

// lazyRE is a regular expression compiled on first use: the table above
// is read only when qlint.toml has a syntax error, and compiling its
// thirty expressions when the package initialized cost every process's
// start about 0.3 ms.
type lazyRE struct {
	pattern string
	once    sync.Once
	re      *regexp.Regexp
}

func lazyRegexp(pattern string) *lazyRE { return &lazyRE{pattern: pattern} }

// FindStringSubmatch is regexp's, on the compiled expression.
func (l *lazyRE) FindStringSubmatch(s string) []string {
	l.once.Do(func() { l.re = regexp.MustCompile(l.pattern) })
	return l.re.FindStringSubmatch(s)
}
