package vpcsim

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
// README.md says where each was seen.
type Dialect string

// The dialects the simulator speaks.
const (
	DialectChina         Dialect = "china"
	DialectInternational Dialect = "international"
)

// DefaultDialect is the dialect of a Config that names none: the China site, whose answers are
// the ones the public record shows most (README.md, "Dialects").
const DefaultDialect = DialectChina

// dialect is everything that differs between two sites' endpoints.
type dialect struct {
	// chargeTypes are the InstanceChargeType values CreateVpnGateway accepts.
	chargeTypes []string
	// chargeType is the ChargeType answered for each InstanceChargeType, by DescribeVpnGateway
	// and by DescribeVpnGateways' items alike: the record shows no site answering the two apart.
	chargeType map[string]string
	// bandwidths are the Bandwidth values CreateVpnGateway accepts, in Mbit/s, by NetworkType.
	bandwidths map[string][]int64
	// vpnTypes are the VpnType values CreateVpnGateway accepts.
	vpnTypes []string
}

var dialects = map[Dialect]*dialect{
	// The China site sells both billing methods and answers them as the official provider has
	// always read them; only it sells the SM-cipher NationalStandard gateways.
	DialectChina: {
		chargeTypes: []string{vpcapi.ChargeTypePrepay, vpcapi.ChargeTypePostpay},
		chargeType:  map[string]string{vpcapi.ChargeTypePrepay: "Prepay", vpcapi.ChargeTypePostpay: "PostpayByFlow"},
		bandwidths: map[string][]int64{
			vpcapi.NetworkTypePublic:  {5, 10, 20, 50, 100, 200, 500, 1000},
			vpcapi.NetworkTypePrivate: {200, 1000},
		},
		vpnTypes: []string{vpcapi.VpnTypeNormal, vpcapi.VpnTypeNationalStandard},
	},
	// The international site sells pay-as-you-go gateways only and answers their ChargeType in
	// the request's own upper-case form, as its reference says. A subscription gateway it never
	// made (one from a China-site state file) keeps the one subscription form on record.
	DialectInternational: {
		chargeTypes: []string{vpcapi.ChargeTypePostpay},
		chargeType:  map[string]string{vpcapi.ChargeTypePrepay: "Prepay", vpcapi.ChargeTypePostpay: "POSTPAY"},
		bandwidths: map[string][]int64{
			vpcapi.NetworkTypePublic:  {10, 100, 200, 500, 1000},
			vpcapi.NetworkTypePrivate: {200, 1000},
		},
		vpnTypes: []string{vpcapi.VpnTypeNormal},
	},
}

// Dialects lists every dialect the simulator speaks, for tests that must pass in all of them.
func Dialects() []Dialect {
	out := make([]Dialect, 0, len(dialects))
	for d := range dialects {
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

// ParseDialect returns the dialect named s (as the -dialect flag takes it); "" is DefaultDialect.
func ParseDialect(s string) (Dialect, error) {
	if s == "" {
		return DefaultDialect, nil
	}
	d := Dialect(strings.ToLower(s))
	if dialects[d] == nil {
		return "", fmt.Errorf("vpcsim: dialect %q is not one of %v", s, Dialects())
	}
	return d, nil
}

func (d Dialect) String() string { return string(d) }

// Dialect is the dialect the simulator speaks.
func (s *Sim) Dialect() Dialect { return s.cfg.Dialect }

// dialect is the configured dialect's facts; a Config that did not pass through New (as in
// internal tests) speaks the default one.
func (c *Config) dialect() *dialect {
	if d := dialects[c.Dialect]; d != nil {
		return d
	}
	return dialects[DefaultDialect]
}

// SellsSubscriptions reports whether the dialect's site sells PREPAY (subscription) gateways, for
// tests that buy one: the international site sells pay-as-you-go gateways only.
func (d Dialect) SellsSubscriptions() bool {
	facts := dialects[d]
	if facts == nil {
		facts = dialects[DefaultDialect]
	}
	return slices.Contains(facts.chargeTypes, vpcapi.ChargeTypePrepay)
}
