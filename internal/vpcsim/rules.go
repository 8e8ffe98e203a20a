package vpcsim

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The parameter rules vpcsim enforces, written here from shared/seed/CreateVpnGateway.txt and the
// public record of the API (ModifyVpnGatewayAttribute's reference for descriptions) rather than
// taken from the provider's side: two readings of the same documents, so that a misreading in one
// shows up as a disagreement with the other. The bandwidths each site sells differ and live with
// the dialects (dialect.go).

// periods are the subscription lengths, in months, the seed allows for a PREPAY gateway.
var periods = []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36}

// Name rules of the seed: 2 to 100 characters, a letter first, then letters, digits, periods,
// underscores and hyphens. That alphabet already rules out the "http://" and "https://" prefixes
// the seed forbids. Letters include non-Latin ones, as the console accepts them.
const (
	nameMinLength = 2
	nameMaxLength = 100
)

var namePattern = regexp.MustCompile(`^\p{L}[\p{L}\p{N}._-]*$`)

// Description rules of ModifyVpnGatewayAttribute: 2 to 256 characters, a letter first, and not
// starting with "http://" or "https://".
const (
	descriptionMinLength = 2
	descriptionMaxLength = 256
)

func validName(name string) bool {
	n := utf8.RuneCountInString(name)
	return n >= nameMinLength && n <= nameMaxLength && namePattern.MatchString(name)
}

func validDescription(d string) bool {
	n := utf8.RuneCountInString(d)
	first, _ := utf8.DecodeRuneInString(d)
	return n >= descriptionMinLength && n <= descriptionMaxLength && unicode.IsLetter(first) &&
		!strings.HasPrefix(d, "http://") && !strings.HasPrefix(d, "https://")
}

func validPeriod(months int64) bool { return slices.Contains(periods, months) }
