// Package site holds what vpcsim knows of each Alibaba Cloud site's VPC endpoint (the dialects:
// what it sells and how it answers) and the parameter rules CreateVpnGateway and
// ModifyVpnGatewayAttribute enforce. README.md in internal/vpcsim says where each fact was seen.
package dialect

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// Dialect names the Alibaba Cloud site whose VPC endpoint the simulator imitates. The China site
// (aliyun.com) and the international site (alibabacloud.com) serve the same API version but do
// not answer it alike: a client written from the reference alone meets the differences only in
// production, so the simulator makes them selectable. Every per-site fact is in dialects below;
// internal/vpcsim/README.md says where each was seen.
type Dialect string

// The dialects the simulator speaks.
const (
	China         Dialect = "china"
	International Dialect = "international"
)

// Default is the dialect of a Config that names none: the China site, whose answers are
// the ones the public record shows most (README.md, "Dialects").
const Default = China

// Facts are everything that differs between two sites' endpoints.
type Facts struct {
	// ChargeTypes are the InstanceChargeType values CreateVpnGateway accepts.
	ChargeTypes []string
	// ChargeType is the ChargeType answered for each InstanceChargeType, by DescribeVpnGateway
	// and by DescribeVpnGateways' items alike: the record shows no site answering the two apart.
	ChargeType map[string]string
	// Bandwidths are the Bandwidth values CreateVpnGateway accepts, in Mbit/s, by NetworkType.
	Bandwidths map[string][]int64
	// VpnTypes are the VpnType values CreateVpnGateway accepts.
	VpnTypes []string
}

var dialects = map[Dialect]*Facts{
	// The China site sells both billing methods and answers them as the official provider has
	// always read them; only it sells the SM-cipher NationalStandard gateways.
	China: {
		ChargeTypes: []string{vpcapi.ChargeTypePrepay, vpcapi.ChargeTypePostpay},
		ChargeType:  map[string]string{vpcapi.ChargeTypePrepay: "Prepay", vpcapi.ChargeTypePostpay: "PostpayByFlow"},
		Bandwidths: map[string][]int64{
			vpcapi.NetworkTypePublic:  {5, 10, 20, 50, 100, 200, 500, 1000},
			vpcapi.NetworkTypePrivate: {200, 1000},
		},
		VpnTypes: []string{vpcapi.VpnTypeNormal, vpcapi.VpnTypeNationalStandard},
	},
	// The international site sells pay-as-you-go gateways only and answers their ChargeType in
	// the request's own upper-case form, as its reference says. A subscription gateway it never
	// made (one from a China-site state file) keeps the one subscription form on record.
	International: {
		ChargeTypes: []string{vpcapi.ChargeTypePostpay},
		ChargeType:  map[string]string{vpcapi.ChargeTypePrepay: "Prepay", vpcapi.ChargeTypePostpay: "POSTPAY"},
		Bandwidths: map[string][]int64{
			vpcapi.NetworkTypePublic:  {10, 100, 200, 500, 1000},
			vpcapi.NetworkTypePrivate: {200, 1000},
		},
		VpnTypes: []string{vpcapi.VpnTypeNormal},
	},
}

// Dialects lists every dialect the simulator speaks, for tests that must pass in all of them.
func All() []Dialect {
	out := make([]Dialect, 0, len(dialects))
	for d := range dialects {
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

// Parse returns the dialect named s (as the -dialect flag takes it); "" is Default.
func Parse(s string) (Dialect, error) {
	if s == "" {
		return Default, nil
	}
	d := Dialect(strings.ToLower(s))
	if dialects[d] == nil {
		return "", fmt.Errorf("vpcsim: dialect %q is not one of %v", s, All())
	}
	return d, nil
}

func (d Dialect) String() string { return string(d) }

// Facts are the dialect's facts; a dialect that did not pass through Parse (the zero
// one, as in tests that build a configuration by hand) speaks the default one.
func (d Dialect) Facts() *Facts {
	if f := dialects[d]; f != nil {
		return f
	}
	return dialects[Default]
}

// SellsSubscriptions reports whether the dialect's site sells PREPAY (subscription) gateways, for
// tests that buy one: the international site sells pay-as-you-go gateways only.
func (d Dialect) SellsSubscriptions() bool {
	return slices.Contains(d.Facts().ChargeTypes, vpcapi.ChargeTypePrepay)
}
