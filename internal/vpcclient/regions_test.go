package vpcclient

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// A region the provider knows costs no request; any other is looked up in DescribeRegions once,
// and the answer serves every later check of the same provider.
func TestCheckRegion(t *testing.T) {
	w := newSimWorld(t)
	ctx := context.Background()
	for _, r := range vpcapi.Regions {
		if err := w.client.CheckRegion(ctx, r); err != nil {
			t.Errorf("%s: %v", r, err)
		}
	}
	if n := w.count(vpcapi.ActionDescribeRegions); n != 0 {
		t.Errorf("%d DescribeRegions for regions the provider knows, want none", n)
	}

	for range 3 {
		err := w.client.CheckRegion(ctx, "mars-north-1")
		if !errors.Is(err, ErrUnknownRegion) || !strings.Contains(err.Error(), vpcsim.DefaultRegion) {
			t.Fatalf("unlisted region: %v, want ErrUnknownRegion naming the listed %s", err, vpcsim.DefaultRegion)
		}
	}
	other, err := w.client.ForRegion("cn-shanghai")
	if err != nil {
		t.Fatal(err)
	}
	if err := other.CheckRegion(ctx, "mars-north-2"); !errors.Is(err, ErrUnknownRegion) {
		t.Fatalf("unlisted region from another region's client: %v", err)
	}
	if n := w.count(vpcapi.ActionDescribeRegions); n != 1 {
		t.Errorf("%d DescribeRegions for four checks, want 1", n)
	}
}

// A list that cannot be had is an error (not "unknown region"), and the next check asks again.
func TestCheckRegionRetriesAFailedList(t *testing.T) {
	w := newSimWorld(t)
	w.sim.SetFaults(vpcsim.Faults{Actions: []string{vpcapi.ActionDescribeRegions}, Codes: []string{vpcapi.CodeInternalError}, ErrorCount: 1000})
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := w.client.CheckRegion(ctx, "mars-north-1"); err == nil || errors.Is(err, ErrUnknownRegion) {
		t.Fatalf("failed list: %v, want the API's error", err)
	}
	w.sim.SetFaults(vpcsim.Faults{})
	if err := w.client.CheckRegion(context.Background(), "mars-north-1"); !errors.Is(err, ErrUnknownRegion) {
		t.Fatalf("after the API recovered: %v, want ErrUnknownRegion", err)
	}
}
