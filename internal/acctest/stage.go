package acctest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// ResourceName is the test gateway of GatewayConfig.
const ResourceName = "alicloud_vpn_gateway.test"

// Expect is a state check of an attribute of the test gateway.
func Expect(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(ResourceName, tfjsonpath.New(attr), v)
}

// GatewayConfig is the test gateway with the given arguments after vpc_id.
func (e *Env) GatewayConfig(args string) string {
	return e.Config(fmt.Sprintf(`resource "alicloud_vpn_gateway" "test" {
  vpc_id = %q
%s
}
`, e.VpcID, args))
}

// Stage creates a gateway through the API and returns its ID; mutate adjusts the request.
func (e *Env) Stage(t testing.TB, name string, mutate func(*vpc.CreateVpnGatewayRequest)) string {
	t.Helper()
	req := &vpc.CreateVpnGatewayRequest{
		RegionId: dara.String(e.Region), VpcId: dara.String(e.VpcID), Bandwidth: dara.Int32(10),
		Name: dara.String(name), ClientToken: dara.String(vpcclient.NewClientToken()),
	}
	if mutate != nil {
		mutate(req)
	}
	c := e.DirectClient(t)
	if r := dara.StringValue(req.RegionId); r != e.Region {
		var err error
		if c, err = c.ForRegion(r); err != nil {
			t.Fatal(err)
		}
	}
	out, err := c.CreateVpnGateway(context.Background(), req)
	if err != nil {
		t.Fatalf("staging gateway %s: %v", name, err)
	}
	return dara.StringValue(out.VpnGatewayId)
}

// StageMany creates n gateways named prefix-0... concurrently and returns their IDs.
func (e *Env) StageMany(t testing.TB, prefix string, n int) []string {
	t.Helper()
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { ids[i] = e.Stage(t, fmt.Sprintf("%s-%d", prefix, i), nil) })
	}
	wg.Wait()
	return ids
}

// Tag sets tags on a gateway through the API.
func (e *Env) Tag(t testing.TB, id string, tags map[string]string) {
	t.Helper()
	req := &vpc.TagResourcesRequest{
		RegionId: dara.String(e.Region), ResourceType: dara.String(vpcapi.TagResourceTypeVpnGateway),
		ResourceId: dara.StringSlice([]string{id}),
	}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		req.Tag = append(req.Tag, &vpc.TagResourcesRequestTag{Key: dara.String(k), Value: dara.String(tags[k])})
	}
	if _, err := e.DirectClient(t).TagResources(context.Background(), req); err != nil {
		t.Fatalf("tagging %s: %v", id, err)
	}
}
