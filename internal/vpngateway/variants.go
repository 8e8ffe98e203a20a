package vpngateway

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// The real endpoint answers some fields in more than one form, depending on the site (China or
// international) and the age of the gateway; internal/vpcsim/README.md lists each form and where it
// was seen. The readers below accept every known form, case-insensitively, and report any other
// one as unrecognised instead of guessing: the caller then keeps the value it had, so that a form
// nobody has seen yet never plans a replacement.

// chargeTypeVariants maps each known answer of ChargeType (lower-cased) to the InstanceChargeType the
// provider plans with.
var chargeTypeVariants = map[string]string{
	"postpaybyflow": vpcapi.ChargeTypePostpay, // China site
	"postpay":       vpcapi.ChargeTypePostpay, // international site
	"postpaid":      vpcapi.ChargeTypePostpay, // the official provider's name, in its data source
	"payasyougo":    vpcapi.ChargeTypePostpay, // the same, in its newer payment_type
	"prepay":        vpcapi.ChargeTypePrepay,
	"prepaid":       vpcapi.ChargeTypePrepay,
	"subscription":  vpcapi.ChargeTypePrepay,
}

// chargeTypeOf reads ChargeType.
func chargeTypeOf(s string) (string, bool) {
	v, ok := chargeTypeVariants[strings.ToLower(strings.TrimSpace(s))]
	return v, ok
}

// switchOf reads IpsecVpn and SslVpn, which the API answers as "enable" or "disable".
func switchOf(s string) (on, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "enable", "enabled", "true", "on":
		return true, true
	case "disable", "disabled", "false", "off":
		return false, true
	}
	return false, false
}

// networkTypeOf reads NetworkType.
func networkTypeOf(s string) (string, bool) {
	switch v := strings.ToLower(strings.TrimSpace(s)); v {
	case vpcapi.NetworkTypePublic, vpcapi.NetworkTypePrivate:
		return v, true
	}
	return "", false
}

// vpnTypeOf reads VpnType, in the API's spelling whatever the case it was sent in.
func vpnTypeOf(s string) (string, bool) {
	for _, v := range []string{vpcapi.VpnTypeNormal, vpcapi.VpnTypeNationalStandard} {
		if strings.EqualFold(strings.TrimSpace(s), v) {
			return v, true
		}
	}
	return "", false
}

// bandwidthOf reads the bandwidth in Mbit/s from a Spec: the API writes "10M", its SDK's examples
// "10", and a unit may be spelled out ("10Mbps"). A Spec in Gbit/s ("1G") is read as such.
func bandwidthOf(spec string) (int64, bool) {
	s := strings.ToLower(strings.TrimSpace(spec))
	digits := strings.TrimRightFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	bw, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || bw <= 0 {
		return 0, false
	}
	switch unit := strings.TrimSuffix(strings.TrimSuffix(s[len(digits):], "bps"), "bit/s"); unit {
	case "", "m":
		return bw, true
	case "g":
		return bw * 1000, true
	}
	return 0, false
}

// unknownVariant is a field the API answered in a form the provider does not know, or left out, while
// the attribute it feeds cannot change in place: Refresh kept the earlier value instead.
type unknownVariant struct {
	field     string // the API's field name
	attribute string // the attribute that kept its value
	sent      string // what the API sent; "" when it sent nothing
	kept      string // the value kept
}

// UnknownVariants collects what one Refresh could not read; a data source or list resource reports them
// with Warn as the resource does.
type UnknownVariants []unknownVariant

func (s *UnknownVariants) add(field, attribute, sent, kept string) {
	*s = append(*s, unknownVariant{field: field, attribute: attribute, sent: sent, kept: kept})
}

// Warn adds one warning per unknownVariant, naming the field, what the API sent, the gateway and the
// request, so that a new form can be reported and added here.
func (s UnknownVariants) Warn(diags *diag.Diagnostics, id, requestID string) {
	for _, x := range s {
		sent := fmt.Sprintf("the value %q, which this provider does not recognise", x.sent)
		if x.sent == "" {
			sent = "no value"
		}
		diags.AddWarning(fmt.Sprintf("VPN Gateway (%s): unexpected %s in the API's answer", id, x.field),
			fmt.Sprintf("For %s, the API sent %s (RequestId: %s). The provider kept %s = %s rather than plan a "+
				"replacement from a value it cannot read. Please report the value to the provider's maintainers, "+
				"with the RequestId.", x.field, sent, requestID, x.attribute, x.kept))
	}
}
