package vpcsim_test

import (
	"slices"
	"testing"

	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/dialect"
)

// wantSite is what each dialect must do, written out here again rather than read from package dialect, so
// that a slip in the simulator's table fails a test instead of changing the expectation with it.
type wantSite struct {
	postpay, prepay string             // ChargeType answered for POSTPAY and PREPAY gateways
	sellsPrepay     bool               // CreateVpnGateway accepts InstanceChargeType PREPAY
	nationalVpn     bool               // CreateVpnGateway accepts VpnType NationalStandard
	bandwidths      map[string][]int32 // by NetworkType
}

var sites = map[dialect.Dialect]wantSite{
	dialect.China: {
		postpay: "PostpayByFlow", prepay: "Prepay", sellsPrepay: true, nationalVpn: true,
		bandwidths: map[string][]int32{"public": {5, 10, 20, 50, 100, 200, 500, 1000}, "private": {200, 1000}},
	},
	dialect.International: {
		postpay: "POSTPAY", prepay: "Prepay",
		bandwidths: map[string][]int32{"public": {10, 100, 200, 500, 1000}, "private": {200, 1000}},
	},
}

func TestDialectsListed(t *testing.T) {
	got := dialect.All()
	if len(got) != len(sites) {
		t.Fatalf("All() = %v, want the %d this test knows", got, len(sites))
	}
	for _, d := range got {
		if _, ok := sites[d]; !ok {
			t.Errorf("dialect %s has no expectations in this test", d)
		}
		if parsed, err := dialect.Parse(string(d)); err != nil || parsed != d {
			t.Errorf("Parse(%q) = %q, %v", d, parsed, err)
		}
	}
	if d, err := dialect.Parse(""); err != nil || d != dialect.Default {
		t.Errorf(`Parse("") = %q, %v; want the default`, d, err)
	}
	if _, err := dialect.Parse("mars"); err == nil {
		t.Error(`Parse("mars") accepted`)
	}
	if _, err := vpcsim.New(vpcsim.Config{Dialect: "mars"}); err == nil {
		t.Error(`New accepted Dialect "mars"`)
	}
	sim, err := vpcsim.New(vpcsim.Config{})
	if err != nil || sim.Dialect() != dialect.Default {
		t.Fatalf("the zero Config speaks %q (%v), want %q", sim.Dialect(), err, dialect.Default)
	}
}

// TestDialectChargeType: both Describe actions answer ChargeType in each site's forms.
func TestDialectChargeType(t *testing.T) {
	for _, d := range dialect.All() {
		t.Run(string(d), func(t *testing.T) {
			want := sites[d]
			f := start(t, vpcsim.Config{Dialect: d})
			c := f.client(t)
			byID := map[string]string{tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId): want.postpay}
			prepaid := createRequest()
			prepaid.InstanceChargeType, prepaid.Period, prepaid.AutoPay = tea.String(vpcapi.ChargeTypePrepay), tea.Int32(1), tea.Bool(true)
			if want.sellsPrepay {
				byID[tea.StringValue(mustCreate(t, c, prepaid).VpnGatewayId)] = want.prepay
			} else {
				_, err := c.CreateVpnGateway(prepaid)
				wantAPIError(t, err, vpcapi.CodeInvalidParameter, 400)
			}
			for id, chargeType := range byID {
				if got := tea.StringValue(mustDescribe(t, c, id).ChargeType); got != chargeType {
					t.Errorf("DescribeVpnGateway(%s).ChargeType = %q, want %q", id, got, chargeType)
				}
			}
			list, err := c.DescribeVpnGateways(&vpc.DescribeVpnGatewaysRequest{RegionId: tea.String(vpcsim.DefaultRegion)})
			if err != nil {
				t.Fatal(err)
			}
			items := list.Body.VpnGateways.VpnGateway
			if len(items) != len(byID) {
				t.Fatalf("DescribeVpnGateways listed %d gateways, want %d", len(items), len(byID))
			}
			for _, g := range items {
				if got, want := tea.StringValue(g.ChargeType), byID[tea.StringValue(g.VpnGatewayId)]; got != want {
					t.Errorf("DescribeVpnGateways item %s: ChargeType %q, want %q", tea.StringValue(g.VpnGatewayId), got, want)
				}
			}
		})
	}
}

// TestDialectBandwidths: each site accepts exactly the bandwidths it sells, for each network type,
// and the VPN types it sells.
func TestDialectBandwidths(t *testing.T) {
	every := []int32{1, 5, 7, 10, 20, 50, 100, 150, 200, 500, 1000, 2000}
	for _, d := range dialect.All() {
		t.Run(string(d), func(t *testing.T) {
			want := sites[d]
			f := start(t, vpcsim.Config{Dialect: d})
			c := f.client(t)
			accepted := 0
			for _, network := range []string{vpcapi.NetworkTypePublic, vpcapi.NetworkTypePrivate} {
				for _, mbps := range every {
					req := createRequest()
					req.NetworkType, req.Bandwidth = tea.String(network), tea.Int32(mbps)
					_, err := c.CreateVpnGateway(req)
					switch sold := slices.Contains(want.bandwidths[network], mbps); {
					case sold && err != nil:
						t.Errorf("%s %d Mbit/s refused: %v", network, mbps, err)
					case sold:
						accepted++
					case err == nil:
						t.Errorf("%s %d Mbit/s accepted, but the %s site does not sell it", network, mbps, d)
					default:
						wantAPIError(t, err, vpcapi.CodeInvalidParameter, 400)
					}
				}
			}
			if n := len(f.sim.Gateways()); n != accepted {
				t.Fatalf("%d gateways for %d accepted creates", n, accepted)
			}
			national := createRequest()
			national.VpnType = tea.String(vpcapi.VpnTypeNationalStandard)
			_, err := c.CreateVpnGateway(national)
			if want.nationalVpn && err != nil {
				t.Errorf("VpnType NationalStandard refused: %v", err)
			}
			if !want.nationalVpn {
				wantAPIError(t, err, vpcapi.CodeInvalidParameter, 400)
			}
		})
	}
}
