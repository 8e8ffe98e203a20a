package vpngateway

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// The create waiter learns how long provisioning takes from the process's earlier waits, a schedule
// first tuned against one fixed delay. Real provisioning varies from gateway to gateway, so this
// benchmark runs the same apply-shaped workload (waitGateways gateways, waitWorkers at a time, as
// Terraform's -parallelism) against a fixed delay D and against delays drawn uniformly over
// [D/2, 2D] (vpcsim's ProvisionSpread), and reports:
//   - reads/gateway: status reads (DescribeVpnGateway and the shared DescribeVpnGateways) per
//     gateway while waiting;
//   - wall/floor: the workload's wall time over its floor, the makespan of the workers taking the
//     gateways in creation order, each for its own drawn delay.
//
// `make bench` runs it; the target is wall/floor at most 1.2. Reads/gateway were held within 2x of
// the fixed case until the waits shared their reads: the fixed case now pays one list a tick for
// ten waits, and the varied one fewer reads than the fixed one did before (internal/tooling/bench/RESULTS.md).
const (
	waitGateways = 30
	waitWorkers  = 10
	waitDelay    = 5 * time.Second
)

func BenchmarkWaitVariedProvisioning(b *testing.B) {
	for _, c := range []struct {
		name   string
		spread bool
	}{{"fixed", false}, {"varied", true}} {
		b.Run(c.name, func(b *testing.B) {
			var reads, ratio float64
			for i := range b.N {
				r, w := runWaits(b, c.spread, uint64(i+1))
				reads += r
				ratio += w
			}
			b.ReportMetric(reads/float64(b.N), "reads/gateway")
			b.ReportMetric(ratio/float64(b.N), "wall/floor")
		})
	}
}

// runWaits creates and waits for waitGateways gateways on a fresh simulator and client (a fresh
// provider process: nothing learned yet), and returns the status reads per gateway and wall/floor.
func runWaits(b *testing.B, spread bool, seed uint64) (readsPerGateway, wallOverFloor float64) {
	b.Helper()
	sim, client := startSim(b, vpcsim.Config{ProvisionDelay: waitDelay, ProvisionSpread: spread, Seed: seed, Quota: waitGateways})

	ctx := context.Background()
	next := make(chan int, waitGateways)
	for i := range waitGateways {
		next <- i
	}
	close(next)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	start := time.Now()
	for range waitWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range next {
				out, err := client.CreateVpnGateway(ctx, &vpc.CreateVpnGatewayRequest{
					RegionId: dara.String(vpcsim.DefaultRegion), VpcId: dara.String(vpcsim.DefaultVpcID),
					Bandwidth: dara.Int32(10), ClientToken: dara.String(vpcclient.NewClientToken()),
				})
				if err == nil {
					_, err = waitVpnGatewayActive(ctx, client, dara.StringValue(out.VpnGatewayId), opCreate)
				}
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	if len(errs) > 0 {
		b.Fatalf("%d waits failed, the first: %v", len(errs), errs[0])
	}

	var reads int
	for _, action := range []string{vpcapi.ActionDescribeVpnGateway, vpcapi.ActionDescribeVpnGateways} {
		for _, n := range sim.Stats().Requests[action] {
			reads += n
		}
	}
	return float64(reads) / waitGateways, float64(wall) / float64(provisioningFloor(sim.Gateways(), waitWorkers))
}

// provisioningFloor is the makespan of workers that each take the next gateway, in creation order,
// as soon as they are free, and hold it for exactly its provisioning delay: no waiter can finish
// sooner.
func provisioningFloor(gateways []gateway.View, workers int) time.Duration {
	slices.SortFunc(gateways, func(a, b gateway.View) int { return int(a.CreateTime - b.CreateTime) })
	free := make([]time.Duration, workers)
	for _, g := range gateways {
		i := slices.Index(free, slices.Min(free))
		free[i] += time.Duration(g.ProvisionedTime-g.CreateTime) * time.Millisecond
	}
	return slices.Max(free)
}

// BenchmarkFirstWaveSchedules weighs the schedule of a wait with no estimate (the first wave of an
// apply) against others, on a simulated clock: its reads and lag (how long after the end the poll
// that saw it came) at D = 5 s and D = 60 s, and the mean lag over every D from 30 s to 180 s in
// 10 ms steps, where the phase of the polls against the end no longer favours one schedule. A
// lone wait pays every read; shared waits pay one a tick for all of them, so the same schedule
// serves both.
func BenchmarkFirstWaveSchedules(b *testing.B) {
	for _, s := range []pollSchedule{
		{First: 250 * time.Millisecond, Max: 2 * time.Second}, // before the waits shared their reads
		defaultPollSchedule,
		{First: time.Second, Max: 2 * time.Second},
		{First: 500 * time.Millisecond, Max: 1500 * time.Millisecond},
		{First: 500 * time.Millisecond, Max: 3 * time.Second},
		{First: 500 * time.Millisecond, Max: 4 * time.Second},
	} {
		b.Run(fmt.Sprintf("first=%v,max=%v", s.First, s.Max), func(b *testing.B) {
			var reads5, reads60, lag5, lag60, meanLag, readsPerMinute float64
			for range b.N {
				p, seen, _ := simulateWait(s, 5*time.Second)
				reads5, lag5 = float64(p), (seen - 5*time.Second).Seconds()
				p, seen, _ = simulateWait(s, time.Minute)
				reads60, lag60 = float64(p), (seen - time.Minute).Seconds()
				var lags, polls, span time.Duration
				n := 0
				for d := 30 * time.Second; d <= 180*time.Second; d += 10 * time.Millisecond {
					p, seen, _ := simulateWait(s, d)
					lags += seen - d
					polls += time.Duration(p)
					span += d
					n++
				}
				meanLag = (lags / time.Duration(n)).Seconds()
				readsPerMinute = float64(polls) / span.Minutes()
			}
			b.ReportMetric(reads5, "reads@5s")
			b.ReportMetric(lag5, "lag@5s")
			b.ReportMetric(reads60, "reads@60s")
			b.ReportMetric(lag60, "lag@60s")
			b.ReportMetric(meanLag, "meanlag@30-180s")
			b.ReportMetric(readsPerMinute, "reads/min@30-180s")
		})
	}
}
