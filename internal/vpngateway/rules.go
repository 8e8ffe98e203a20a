package vpngateway

import "regexp"

// The parameter rules this provider validates against at plan time, from the CreateVpnGateway and
// ModifyVpnGatewayAttribute reference it implements (shared/seed/CreateVpnGateway.txt). They are
// the provider's own: vpcsim implements the same reference on its side, so that a mistake in one
// shows up against the other.

// gatewayBandwidths are the bandwidths, in Mbit/s, that the reference lists. Today's API sells
// more (200, 500, 1000 and others).
var gatewayBandwidths = []int64{5, 10, 20, 50, 100}

// sslConnectionCounts are the numbers of simultaneous SSL-VPN clients the API sells, from the field
// docs of CreateVpnGatewayRequest.SslConnections. The reference shows 2 as an example but states
// no range, and 2 is not sold; so the API's list is the rule.
var sslConnectionCounts = []int64{5, 10, 20, 50, 100, 200, 500, 1000}

// subscriptionPeriods are the subscription lengths, in months, that the reference lists.
var subscriptionPeriods = []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36}

// Name rules: 2 to 100 characters, starting with a letter, then letters (of any script), digits,
// periods, underscores and hyphens. With that alphabet a name can never start with "http://" or
// "https://", which the reference also forbids.
const (
	nameMinLength = 2
	nameMaxLength = 100
)

var namePattern = regexp.MustCompile(`^\p{L}[\p{L}\p{N}._-]*$`)

// Description rules: 2 to 256 characters, starting with a letter, never with "http://" or
// "https://".
const (
	descriptionMinLength = 2
	descriptionMaxLength = 256
)
