package vpcclient

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// notFoundLikeCodes are the answers, other than DescribeVpnGateway's not-found code, with which the
// real endpoint has been seen to refuse an action on a gateway that may no longer exist (the
// official provider's delete treats them as "gone"; internal/vpcsim/README.md has the record).
var notFoundLikeCodes = []string{
	vpcapi.CodeInstanceNotExists,
	vpcapi.CodeVpnGatewayIDNotFound,
	vpcapi.CodeRegionNotFound,
	vpcapi.CodeForbidden,
}

// MaybeNotFound reports whether err is an API answer that suggests the gateway is gone without
// proving it: a code of notFoundLikeCodes, any other *.NotFound code, or HTTP 404. Such an answer
// is never taken as "gone" by itself; the caller confirms with DescribeVpnGateway, whose not-found
// code (ErrVpnGatewayNotFound) is the only proof.
func MaybeNotFound(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || errors.Is(err, ErrVpnGatewayNotFound) {
		return false
	}
	return slices.Contains(notFoundLikeCodes, apiErr.Code) || strings.HasSuffix(apiErr.Code, ".NotFound") ||
		apiErr.HTTPStatus == http.StatusNotFound
}

// IsVpnGatewayType reports whether a DescribeVpnGateways item of this GatewayType is a VPN gateway
// the provider manages: a traditional one, or one from before the field existed. The lists also
// hold gateways of other products, which lack the fields a VPN gateway has.
func IsVpnGatewayType(gatewayType string) bool {
	return gatewayType == "" || strings.EqualFold(gatewayType, vpcapi.GatewayTypeTraditional)
}
