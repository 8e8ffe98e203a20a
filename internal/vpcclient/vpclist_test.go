package vpcclient

import (
	"context"
	"sync"
	"testing"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// Many plans at once ask for the same VPC's gateways: one list answers them all, until a mutation
// through the client makes it stale.
func TestVpnGatewaysInVpcSharesOneList(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, 3, nil)
	w.reset()

	var wg sync.WaitGroup
	results := make([]int, 20)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = len(w.client.VpnGatewaysInVpc(context.Background(), vpcsim.DefaultVpcID))
		}()
	}
	wg.Wait()
	for i, n := range results {
		if n != len(ids) {
			t.Errorf("caller %d saw %d gateways, want %d", i, n, len(ids))
		}
	}
	if got := w.count(vpcapi.ActionDescribeVpnGateways); got != 1 {
		t.Errorf("20 concurrent callers sent %d DescribeVpnGateways, want 1", got)
	}

	w.create(t, 1, nil)
	w.reset()
	if n := len(w.client.VpnGatewaysInVpc(context.Background(), vpcsim.DefaultVpcID)); n != len(ids)+1 {
		t.Errorf("after a create the list has %d gateways, want %d", n, len(ids)+1)
	}
	if got := w.count(vpcapi.ActionDescribeVpnGateways); got != 1 {
		t.Errorf("a create did not make the list stale: %d DescribeVpnGateways after it, want 1", got)
	}
}
