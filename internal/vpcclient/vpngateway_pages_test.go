package vpcclient

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// The paginator goes past the batched refresh's page cap: every gateway of every type, each page
// asked once, the filters sent on every page.
func TestVpnGatewayPagesListsEveryPageAndType(t *testing.T) {
	t.Parallel()
	w := newSimWorld(t)
	ids := w.create(t, 120, nil)
	foreign, err := w.sim.AddForeignGateway(gateway.Foreign{})
	if err != nil {
		t.Fatal(err)
	}
	w.reset()

	seen := map[string]string{}
	pages := 0
	for page, err := range w.client.VpnGatewayPages(context.Background(), &vpc.DescribeVpnGatewaysRequest{VpcId: dara.String(vpcsim.DefaultVpcID)}) {
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, gw := range page.Gateways() {
			if dara.StringValue(gw.RequestId) == "" {
				t.Errorf("%s carries no RequestId", dara.StringValue(gw.VpnGatewayId))
			}
			seen[dara.StringValue(gw.VpnGatewayId)] = gw.GatewayType
		}
	}
	if pages != 3 || w.count("DescribeVpnGateways") != 3 {
		t.Errorf("121 gateways took %d pages and %d requests; want 3 and 3", pages, w.count("DescribeVpnGateways"))
	}
	for _, id := range ids {
		if _, ok := seen[id]; !ok {
			t.Errorf("gateway %s was not listed", id)
		}
	}
	if got := seen[foreign.VpnGatewayID]; got != gateway.TypeEnhancedSiteToSite {
		t.Errorf("the foreign gateway was listed with type %q; want %q", got, gateway.TypeEnhancedSiteToSite)
	}
	for _, q := range w.queries {
		if q["VpcId"] != vpcsim.DefaultVpcID || q["PageSize"] != "50" {
			t.Errorf("a page was asked without the filter or the largest page size: %v", q)
		}
	}
}

// A caller that stops early sends no further request, and an error ends the sequence.
func TestVpnGatewayPagesStopsEarlyAndOnError(t *testing.T) {
	t.Parallel()
	w := newSimWorld(t)
	w.create(t, 60, nil)
	w.reset()
	for _, err := range w.client.VpnGatewayPages(context.Background(), &vpc.DescribeVpnGatewaysRequest{}) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	if n := w.count("DescribeVpnGateways"); n != 1 {
		t.Errorf("stopping after the first page sent %d requests; want 1", n)
	}

	f := newFakeAPI(t, apiErr(http.StatusBadRequest, "InvalidParameter"))
	c := newTestClient(t, f)
	var errs []error
	for page, err := range c.VpnGatewayPages(context.Background(), &vpc.DescribeVpnGatewaysRequest{}) {
		if page != nil {
			t.Error("a failed page yielded a page")
		}
		errs = append(errs, err)
	}
	var apiError *APIError
	if len(errs) != 1 || !errors.As(errs[0], &apiError) || apiError.Code != "InvalidParameter" {
		t.Errorf("a failing first page yielded %v; want one APIError InvalidParameter", errs)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("a client error was sent %d times; want once, without a retry or a next page", n)
	}
}
