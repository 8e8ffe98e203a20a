package acctest_test

import (
	"context"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

func TestMain(m *testing.M) { acctest.Main(m) }

// The destroy check must be able to fail: a gateway left in the simulator is an error.
func TestCheckDestroyedCanFail(t *testing.T) {
	t.Parallel()
	if acctest.RealCloud() {
		t.Skip("checks the simulator's side of the destroy check")
	}
	e := acctest.New(t, vpcsim.Config{ProvisionDelay: time.Millisecond})
	out, err := e.DirectClient(t).CreateVpnGateway(context.Background(), &vpc.CreateVpnGatewayRequest{
		RegionId: dara.String(e.Region), VpcId: dara.String(e.VpcID), Bandwidth: dara.Int32(10),
		ClientToken: dara.String(vpcclient.NewClientToken()),
	})
	if err != nil {
		t.Fatal(err)
	}
	state := &terraform.State{Modules: []*terraform.ModuleState{{
		Path: []string{"root"},
		Resources: map[string]*terraform.ResourceState{"alicloud_vpn_gateway.test": {
			Type: "alicloud_vpn_gateway", Primary: &terraform.InstanceState{ID: *out.VpnGatewayId},
		}},
	}}}
	if err := e.CheckDestroyed(state); err == nil {
		t.Fatal("CheckDestroyed passed with a gateway left in vpcsim")
	}
	if err := e.Sim.RemoveGateway(*out.VpnGatewayId); err != nil {
		t.Fatal(err)
	}
	if err := e.CheckDestroyed(state); err != nil {
		t.Fatalf("CheckDestroyed failed with vpcsim empty: %v", err)
	}
}
