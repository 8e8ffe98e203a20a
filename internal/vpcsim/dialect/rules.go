package dialect

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
)

// The parameter rules vpcsim enforces, written here from shared/seed/CreateVpnGateway.txt and the
// public record of the API (ModifyVpnGatewayAttribute's reference for descriptions) rather than
// taken from the provider's side: two readings of the same documents, so that a misreading in one
// shows up as a disagreement with the other. The bandwidths each site sells differ and live with
// the dialects (dialect.go).

// Periods are the subscription lengths, in months, the seed allows for a PREPAY gateway.
var Periods = []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36}

// SslConnections are the numbers of simultaneous SSL-VPN clients the API sells: the field docs of
// CreateVpnGatewayRequest.SslConnections list them, and the seed gives only an example (2), no
// range, so the API's list wins.
var SslConnections = []int64{5, 10, 20, 50, 100, 200, 500, 1000}

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

// ValidName reports whether a gateway name follows the seed's rules.
func ValidName(name string) bool {
	n := utf8.RuneCountInString(name)
	return n >= nameMinLength && n <= nameMaxLength && namePattern.MatchString(name)
}

// ValidDescription reports whether a description follows ModifyVpnGatewayAttribute's rules.
func ValidDescription(d string) bool {
	n := utf8.RuneCountInString(d)
	first, _ := utf8.DecodeRuneInString(d)
	return n >= descriptionMinLength && n <= descriptionMaxLength && unicode.IsLetter(first) &&
		!strings.HasPrefix(d, "http://") && !strings.HasPrefix(d, "https://")
}

// ValidPeriod reports whether months is a subscription length the seed allows.
func ValidPeriod(months int64) bool { return slices.Contains(Periods, months) }

// ValidSslConnections reports whether n is a number of SSL-VPN clients the API sells.
func ValidSslConnections(n int64) bool { return slices.Contains(SslConnections, n) }

// InvalidName is the refusal of a name that breaks the rules above.
func InvalidName() *apierr.Error {
	return apierr.New(http.StatusBadRequest, vpcapi.CodeInvalidName,
		"The name is not valid: it must be %d to %d characters, start with a letter and contain only letters, digits, periods (.), underscores (_) and hyphens (-).",
		nameMinLength, nameMaxLength)
}

// InvalidDescription is the refusal of a description that breaks the rules above.
func InvalidDescription() *apierr.Error {
	return apierr.New(http.StatusBadRequest, vpcapi.CodeInvalidDescription,
		"The description is not valid: it must be %d to %d characters, start with a letter and not start with http:// or https://.",
		descriptionMinLength, descriptionMaxLength)
}
