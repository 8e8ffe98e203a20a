package providerdata

import (
	"errors"
	"fmt"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

const credentialHint = "The API did not accept the credentials. Check access_key and secret_key (or " +
	"ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET), and for an STS key security_token, which " +
	"expires; the key must belong to the account that owns the VPC."

const throttlingHint = "The API kept throttling the account's requests until the operation's timeout. Run " +
	"Terraform with a lower -parallelism, or raise the resource's timeouts."

// hints tell the user what to do about the answers they can act on.
var hints = map[string]string{
	vpcapi.CodeQuotaFull: "The region already has as many VPN gateways as the account's quota allows. Delete " +
		"gateways that are no longer needed, or request a higher quota in the Quota Center " +
		"(https://quotas.console.aliyun.com).",
	vpcapi.CodeVpcNotFound: "Check vpc_id: the VPC must exist in the gateway's region and belong to the account of " +
		"the provider's credentials.",
	vpcapi.CodeVSwitchNotFound: "Check vswitch_id and disaster_recovery_vswitch_id: each must be a vSwitch of vpc_id, " +
		"in the gateway's region, and the two must be in different zones.",
	vpcapi.CodeRegionNotFound:   "Check region (of the resource or the provider): the API does not know it.",
	vpcapi.CodeTimestampExpired: "The API refused the request's timestamp: check this machine's clock.",
	vpcapi.CodeIdempotentParameterMismatch: "The API has already seen this operation's ClientToken with other " +
		"parameters. Run the apply again: it makes a new token.",
}

// ErrorDetail is the detail of an error diagnostic: what went wrong, the API's Code, Message and
// RequestId when the API answered, and a hint when the user can act on it. Every part of the
// provider reports an API error through it, so that no diagnostic loses the Code or the RequestId.
func ErrorDetail(err error) string {
	var apiErr *vpcclient.APIError
	if !errors.As(err, &apiErr) {
		return err.Error()
	}
	var b strings.Builder
	if err != error(apiErr) {
		// Wrapped: the outer text says why it ended (a timeout after retries, a wait).
		b.WriteString(err.Error())
		b.WriteString("\n\n")
	}
	fmt.Fprintf(&b, "The VPC API answered %s with HTTP %d.\nCode: %s\nMessage: %s\nRequestId: %s",
		apiErr.Action, apiErr.HTTPStatus, apiErr.Code, apiErr.Message, apiErr.RequestID)
	hint, ok := hints[apiErr.Code]
	switch {
	case ok:
	case vpcclient.IsCredentialError(apiErr):
		hint, ok = credentialHint, true
	case strings.HasPrefix(apiErr.Code, vpcapi.CodeThrottling):
		hint, ok = throttlingHint, true
	}
	if ok {
		b.WriteString("\n\n")
		b.WriteString(hint)
	}
	return b.String()
}

// RegionError explains why vpcclient.CheckRegion refused a region, for the provider's Configure
// and for the resources, which check a region of their own when they plan or import.
func RegionError(err error) string {
	if errors.Is(err, vpcclient.ErrUnknownRegion) {
		return fmt.Sprintf("The region is not one where the API serves VPN gateways: %v.", err)
	}
	return ErrorDetail(err)
}
