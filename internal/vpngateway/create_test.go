package vpngateway

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

func createRequest(name string) *vpc.CreateVpnGatewayRequest {
	return &vpc.CreateVpnGatewayRequest{
		RegionId: dara.String(vpcsim.DefaultRegion), VpcId: dara.String(vpcsim.DefaultVpcID), Bandwidth: dara.Int32(5),
		Name: dara.String(name), ClientToken: dara.String(vpcclient.NewClientToken()),
	}
}

// A create whose context ends while CreateVpnGateway is in flight still gets the answer, within
// createAnswerBound.
func TestCreateSeenThroughAfterTheContextEnds(t *testing.T) {
	sim, client := startSim(t, vpcsim.Config{})
	sim.SetFaults(vpcsim.Faults{Actions: []string{vpcapi.ActionCreateVpnGateway}, Latency: vpcsim.Duration(time.Second)})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	out, err := createVpnGateway(ctx, client, createRequest("seen-through"))
	if err != nil {
		t.Fatalf("the create in flight was abandoned: %v", err)
	}
	if gws := sim.Gateways(); len(gws) != 1 || gws[0].VpnGatewayID != dara.StringValue(out.VpnGatewayId) {
		t.Fatalf("vpcsim holds %+v, want only %s", gws, dara.StringValue(out.VpnGatewayId))
	}
}

// When no answer comes within createAnswerBound, the error says that a gateway may exist, with its
// name and ClientToken; a gateway without a name is told the risk of the next apply.
func TestCreateWithoutAnswerSaysAGatewayMayExist(t *testing.T) {
	defer func(b time.Duration) { createAnswerBound = b }(createAnswerBound)
	createAnswerBound = 300 * time.Millisecond
	sim, client := startSim(t, vpcsim.Config{})
	sim.SetFaults(vpcsim.Faults{Actions: []string{vpcapi.ActionCreateVpnGateway}, Latency: vpcsim.Duration(2 * time.Second)})
	for _, name := range []string{"lost", ""} {
		req := createRequest(name)
		if name == "" {
			req.Name = nil
		}
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		_, err := createVpnGateway(ctx, client, req)
		cancel()
		if err == nil {
			t.Fatalf("name %q: the create answered within the bound", name)
		}
		want := []string{"may exist in VPC " + vpcsim.DefaultVpcID, dara.StringValue(req.ClientToken)}
		if name != "" {
			want = append(want, `named "lost"`, "checks the VPC for a gateway of that name")
		} else {
			want = append(want, "has no name", "a second gateway is created")
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("name %q: the error does not say %q:\n%v", name, w, err)
			}
		}
	}
}

// A create whose context has ended before it was sent sends nothing.
func TestCreateNotSentAfterTheContextEnded(t *testing.T) {
	sim, client := startSim(t, vpcsim.Config{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := createVpnGateway(ctx, client, createRequest("never")); err == nil || !strings.Contains(err.Error(), "not sent") {
		t.Fatalf("error %v, want: not sent", err)
	}
	if n := sim.Stats().Requests[vpcapi.ActionCreateVpnGateway]; len(n) != 0 {
		t.Fatalf("vpcsim answered CreateVpnGateway %v", n)
	}
}
