package vpngateway

import (
	"context"
	"errors"
	"net"
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
	out, err := createVpnGateway(ctx, client, createRequest("seen-through"), false)
	if err != nil {
		t.Fatalf("the create in flight was abandoned: %v", err)
	}
	gws := sim.Gateways()
	if len(gws) != 1 {
		t.Fatalf("vpcsim holds %d gateways %+v, want only %s", len(gws), gws, dara.StringValue(out.VpnGatewayId))
	}
	if gws[0].VpnGatewayID != dara.StringValue(out.VpnGatewayId) {
		t.Fatalf("vpcsim holds %s, want %s, the one the create answered", gws[0].VpnGatewayID, dara.StringValue(out.VpnGatewayId))
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
		_, err := createVpnGateway(ctx, client, req, false)
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
	if _, err := createVpnGateway(ctx, client, createRequest("never"), false); err == nil || !strings.Contains(err.Error(), "not sent") {
		t.Fatalf("error %v, want: not sent", err)
	}
	if n := sim.Stats().Requests[vpcapi.ActionCreateVpnGateway]; len(n) != 0 {
		t.Fatalf("vpcsim answered CreateVpnGateway %v", n)
	}
}

// A create sent to an endpoint that never answered and cannot be the API fails within the
// AnswerBudget, and does not claim that a gateway may exist.
func TestCreateFailsFastOnAnEndpointThatIsNotTheAPI(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	endpoint := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	client, err := vpcclient.New(vpcclient.Config{
		Region: vpcsim.DefaultRegion, AccessKeyID: vpcsim.DefaultAccessKeyID, AccessKeySecret: vpcsim.DefaultAccessKeySecret,
		Endpoint: endpoint, Protocol: vpcclient.ProtocolHTTP, Retry: vpcclient.RetryPolicy{AnswerBudget: 200 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err = createVpnGateway(ctx, client, createRequest("unreachable"), false)
	var endpointErr *vpcclient.EndpointError
	if !errors.As(err, &endpointErr) || ctx.Err() != nil {
		t.Fatalf("error %v: want an EndpointError before the create timeout", err)
	}
	if strings.Contains(err.Error(), "may exist") {
		t.Errorf("the error claims a gateway may exist, though the endpoint never answered:\n%v", err)
	}
}
