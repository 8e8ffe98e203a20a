package vpcsim_test

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/tea"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// delays creates n gateways on f and returns each one's provisioning delay, from the admin view.
func delays(t *testing.T, f *fixture, n int) []time.Duration {
	t.Helper()
	c := f.client(t)
	for range n {
		mustCreate(t, c, createRequest())
	}
	return provisioned(f.sim)
}

func provisioned(sim *vpcsim.Sim) []time.Duration {
	var out []time.Duration
	for _, g := range sim.Gateways() {
		out = append(out, time.Duration(g.ProvisionedTime-g.CreateTime)*time.Millisecond)
	}
	return out
}

// TestProvisionSpread: with ProvisionSpread each gateway takes its own time within [D/2, 2D], the
// same seed gives the same times, and the status follows each gateway's own time.
func TestProvisionSpread(t *testing.T) {
	const d = 40 * time.Second
	spread := func(seed uint64) vpcsim.Config {
		return vpcsim.Config{ProvisionDelay: d, ProvisionSpread: true, Seed: seed, Now: newClock().Now}
	}
	first := delays(t, start(t, spread(7)), 20)
	for _, got := range first {
		if got < d/2 || got > 2*d {
			t.Errorf("delay %v outside [%v, %v]", got, d/2, 2*d)
		}
	}
	if slices.Min(first) == slices.Max(first) || slices.Max(first)-slices.Min(first) < d/2 {
		t.Errorf("20 delays hardly spread: %v", first)
	}
	if again := delays(t, start(t, spread(7)), 20); !slices.Equal(again, first) {
		t.Errorf("seed 7 twice gave\n%v\n%v", first, again)
	}
	if other := delays(t, start(t, spread(8)), 20); slices.Equal(other, first) {
		t.Errorf("seeds 7 and 8 gave the same delays %v", first)
	}
	if off := delays(t, start(t, vpcsim.Config{ProvisionDelay: d, Now: newClock().Now}), 3); !slices.Equal(off, []time.Duration{d, d, d}) {
		t.Errorf("without ProvisionSpread: %v, want %v each", off, d)
	}

	// The status follows the gateway's own delay, not ProvisionDelay.
	clk := newClock()
	cfg := spread(7)
	cfg.Now = clk.Now
	f := start(t, cfg)
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	own := provisioned(f.sim)[0]
	clk.Advance(own - time.Millisecond)
	wantStatus(t, c, id, vpcapi.StatusProvisioning)
	clk.Advance(time.Millisecond)
	wantStatus(t, c, id, vpcapi.StatusActive)
}

// TestProvisionSpreadRestart: a restart from the state file keeps each gateway's schedule, even
// under another ProvisionDelay, and the next gateway draws a delay of its own rather than the
// first one's again.
func TestProvisionSpreadRestart(t *testing.T) {
	clk := newClock()
	cfg := vpcsim.Config{ProvisionDelay: time.Minute, ProvisionSpread: true, Seed: 3, Now: clk.Now, StateFile: filepath.Join(t.TempDir(), "state.json")}
	sim, err := vpcsim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f := serve(t, sim)
	before := delays(t, f, 2)
	if err := sim.Close(); err != nil {
		t.Fatal(err)
	}
	cfg.ProvisionDelay = time.Hour
	g := start(t, cfg)
	after := delays(t, g, 1)
	if !slices.Equal(after[:2], before) {
		t.Fatalf("delays before the restart %v, after %v", before, after[:2])
	}
	if after[2] < 30*time.Minute || after[2] == before[0] {
		t.Fatalf("the gateway made after the restart got %v (before: %v)", after[2], before)
	}
}
