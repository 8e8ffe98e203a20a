package vpngateway

import (
	"context"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// Reads that lag behind writes: right after a change the API answers the gateway active and as
// it was. The wait after a modify or a move ends only once a read shows the change, so that the
// state the update returns is the one planned (Terraform refuses any other as inconsistent).
func TestWaitActiveRidesOutReadLag(t *testing.T) {
	sim, client := startSim(t, vpcsim.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := client.CreateVpnGateway(ctx, &vpc.CreateVpnGatewayRequest{
		RegionId: dara.String(vpcsim.DefaultRegion), VpcId: dara.String(vpcsim.DefaultVpcID),
		Bandwidth: dara.Int32(5), ClientToken: dara.String(vpcclient.NewClientToken()),
	})
	if err != nil {
		t.Fatal(err)
	}
	id := dara.StringValue(out.VpnGatewayId)
	sim.SetFaults(vpcsim.Faults{ReadLag: vpcsim.Duration(time.Second)})

	change := &vpc.ModifyVpnGatewayAttributeRequest{Name: dara.String("renamed"), AutoPropagate: dara.Bool(true)}
	gw, err := (&vpnGatewayResource{}).modify(ctx, client, id, change)
	if err != nil {
		t.Fatal(err)
	}
	if dara.StringValue(gw.Name) != "renamed" || !dara.BoolValue(gw.AutoPropagate) {
		t.Fatalf("the modify's wait returned the gateway as it was: name %q, auto_propagate %v",
			dara.StringValue(gw.Name), dara.BoolValue(gw.AutoPropagate))
	}

	if err := moveVpnGatewayResourceGroup(ctx, client, id, vpcsim.SecondResourceGroupID); err != nil {
		t.Fatal(err)
	}
	gw, err = waitVpnGatewayActive(ctx, client, id, opModify, showsGroup(vpcsim.SecondResourceGroupID))
	if err != nil {
		t.Fatal(err)
	}
	if got := dara.StringValue(gw.ResourceGroupId); got != vpcsim.SecondResourceGroupID {
		t.Fatalf("the move's wait returned the gateway in %s", got)
	}
}
