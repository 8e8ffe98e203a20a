package vpcclient

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// throttledSim is a simulator that lets qps requests a second through per action (0: all), and a
// client of it with no pacing of its own, so that the simulator's flow control is what the client
// meets.
func throttledSim(t *testing.T, qps float64, now func() time.Time) (*vpcsim.Sim, *Client) {
	t.Helper()
	sim, err := vpcsim.New(vpcsim.Config{QPS: qps, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(func() { srv.Close(); _ = sim.Close() })
	c, err := New(Config{
		Region: vpcsim.DefaultRegion, AccessKeyID: vpcsim.DefaultAccessKeyID, AccessKeySecret: vpcsim.DefaultAccessKeySecret,
		Endpoint: strings.TrimPrefix(srv.URL, "http://"), Protocol: ProtocolHTTP, RateLimit: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return sim, c
}

func listGateways(ctx context.Context, c *Client) error {
	_, err := c.DescribeVpnGateways(ctx, &vpc.DescribeVpnGatewaysRequest{RegionId: dara.String(vpcsim.DefaultRegion)})
	return err
}

func throttledAnswers(sim *vpcsim.Sim) int {
	return sim.Stats().Codes[vpcapi.ActionDescribeVpnGateways][vpcapi.CodeThrottlingUser]
}

// TestThrottleHintWithinTheDeadline: the simulator's clock stands still, so its bucket names the
// same whole second every time. That is more than the call has left, so the client gives up after
// the one throttled answer, with the API's error and the wait it named, instead of spending the
// rest of the deadline on retries the server has said it will refuse.
func TestThrottleHintWithinTheDeadline(t *testing.T) {
	frozen := time.Now()
	sim, c := throttledSim(t, 1, func() time.Time { return frozen })
	if err := listGateways(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	err := listGateways(ctx, c)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != vpcapi.CodeThrottlingUser {
		t.Fatalf("got %v, want the throttling answer", err)
	}
	if apiErr.RetryAfter != time.Second {
		t.Errorf("RetryAfter %v, want the 1s the simulator's bucket names", apiErr.RetryAfter)
	}
	if n := throttledAnswers(sim); n != 1 {
		t.Errorf("%d throttled attempts, want 1: a retry inside the named wait is refused for certain", n)
	}
}

// TestThrottleHintIsWaitedOut: with the real clock, the retry comes when the server said a token
// would be there, and gets it: one throttled answer, where the client's own first backoff (200ms
// at most) would have met a second.
func TestThrottleHintIsWaitedOut(t *testing.T) {
	sim, c := throttledSim(t, 1, nil)
	if err := listGateways(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := listGateways(ctx, c); err != nil {
		t.Fatal(err)
	}
	if n := throttledAnswers(sim); n != 1 {
		t.Errorf("%d throttled attempts, want 1", n)
	}
}

// TestThrottleWithoutHintKeepsTheOwnBackoff: an injected throttling answer has no bucket behind it
// and names no wait; the client retries on its own backoff and gets through.
func TestThrottleWithoutHintKeepsTheOwnBackoff(t *testing.T) {
	sim, c := throttledSim(t, 0, nil)
	sim.SetFaults(vpcsim.Faults{Codes: []string{vpcapi.CodeThrottlingUser}, ErrorCount: 2})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := listGateways(ctx, c); err != nil {
		t.Fatal(err)
	}
	if n := throttledAnswers(sim); n != 2 {
		t.Errorf("%d throttled answers, want the 2 injected", n)
	}
}
