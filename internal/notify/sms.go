package notify

import (
	"strings"
	"unicode/utf8"

	"github.com/relais-ecoles/relais/internal/site"
)

// SMSLength is the most characters of the text for an SMS gateway: one
// SMS of the GSM 03.38 alphabet (GSM-7).
const SMSLength = 160

// SMS is the text of a message for an SMS gateway: "URGENT", the issuer,
// the title and the address of the directive, in at most SMSLength
// characters of the GSM-7 alphabet, so that it is one SMS and not three
// (a single character outside it, such as ’ or ê, makes a phone send the
// whole text in UCS-2, 70 characters an SMS). French letters GSM-7 lacks
// lose their accent (ê → e; é, è, à, ù stay), typographic quotes and spaces become plain
// ones; the title is shortened, never the address.
func SMS(d site.BannerDirective) string {
	url := gsm7(d.URL)
	head := gsm7("URGENT "+d.Issuer.Name+" :") + " "
	title := gsm7(d.Title)
	room := SMSLength - gsmLen(head) - 1 - gsmLen(url)
	if room < 8 {
		// An address too long for a title beside it: the title alone.
		return cut(head+title, SMSLength)
	}
	return head + cut(title, room) + " " + url
}

// cut shortens s to at most n GSM-7 characters, on a word when it can,
// ending with "...".
func cut(s string, n int) string {
	if gsmLen(s) <= n {
		return s
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		w := 1
		if strings.ContainsRune(gsmExtended, r) {
			w = 2
		}
		if used+w > n-3 {
			break
		}
		b.WriteRune(r)
		used += w
	}
	out := b.String()
	if i := strings.LastIndexByte(out, ' '); i > len(out)/2 {
		out = out[:i]
	}
	return strings.TrimRight(out, " ,;:.-'\"") + "..."
}

// gsmLen is the length of s in GSM-7 septets: the extension characters
// take two.
func gsmLen(s string) int {
	n := utf8.RuneCountInString(s)
	for _, r := range s {
		if strings.ContainsRune(gsmExtended, r) {
			n++
		}
	}
	return n
}

// The GSM 03.38 basic alphabet and its extension table (two septets each).
const (
	gsmBasic    = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsmExtended = "^{}\\[~]|€"
)

// gsmFold maps the characters of French texts GSM-7 lacks to the nearest
// it has.
var gsmFold = strings.NewReplacer(
	"’", "'", "‘", "'", "«\u00a0", "\"", "\u00a0»", "\"", "«", "\"", "»", "\"", "“", "\"", "”", "\"",
	"\u00a0", " ", "\u202f", " ", "…", "...", "–", "-", "—", "-", "œ", "oe", "Œ", "OE",
	"â", "a", "ê", "e", "ë", "e", "î", "i", "ï", "i", "ô", "o", "û", "u", "ÿ", "y", "ç", "c",
	"À", "A", "Â", "A", "È", "E", "Ê", "E", "Ë", "E", "Î", "I", "Ï", "I", "Ô", "O", "Ù", "U", "Û", "U", "Ÿ", "Y",
)

// gsm7 writes s in the GSM-7 alphabet: French letters folded, anything
// else it cannot hold dropped, line breaks as spaces.
func gsm7(s string) string {
	s = gsmFold.Replace(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case strings.ContainsRune(gsmBasic, r) || strings.ContainsRune(gsmExtended, r):
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
