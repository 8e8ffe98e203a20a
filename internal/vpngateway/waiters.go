package vpngateway

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// pollSchedule is how often a waiter asks. Without an estimate of how long the transition takes,
// it asks first after First, then twice as long each time up to Max: starting fast catches short
// operations without delay, backing off keeps an unknown, long provisioning from flooding the API.
// With an estimate (Expected, learned from this process's earlier waits), it asks once early (a
// transition that fails at once is seen at once), then not again until shortly before the expected
// end, then every fine step until shortly after it, then backs off again: the end is seen within
// one fine step, for about as many requests as the plain backoff makes.
type pollSchedule struct {
	First, Max time.Duration
	Expected   time.Duration
}

// defaultPollSchedule's numbers come from BenchmarkFirstWaveSchedules (internal/tooling/bench/RESULTS.md
// has the table). Without an estimate, the lag behind the end is Max/2 on average whatever First
// is, and the reads are about one per Max: lag and reads trade through Max alone. Max stays at 2 s,
// which keeps the first wave's lag where it was (1 s on average, at most 2 s, 1.5 s at D = 60 s):
// 3 s would save a third of the reads for half again the lag, 4 s nearly half for twice the lag,
// and the first wave is what a user of one gateway watches. Many waits save their reads by sharing
// each tick's one list instead. First moves the polls against the end by a fraction of a second
// and drops or adds the one earliest poll: at 500 ms rather than 250 ms a wait makes one read
// fewer (4 at D = 5 s, 32 at D = 60 s), and a change the API applies at once is seen 250 ms later.
var defaultPollSchedule = pollSchedule{First: 500 * time.Millisecond, Max: 2 * time.Second}

// Bounds of the schedule around an expected end.
const (
	// minFineStep is the closest the polls come around the expected end.
	minFineStep = 250 * time.Millisecond
	// fineFraction divides the expected duration into the fine step: a provisioning of a minute is
	// polled every second around its expected end, one of three minutes every 3 s. The window is
	// six steps wide whatever the step, so a finer step costs a wait no more reads, only a faster
	// pace inside the window; and the waits of one region share each tick's list
	// (vpcclient.PollVpnGateway), so 100 concurrent waits ask for two pages a step, not 100 reads.
	// The estimate is the moment the end was seen, up to a step of the plain backoff (Max) after
	// the end itself, and the window's polls land on that moment less whole steps: the wait sees
	// the end the first wave's lag modulo one step late, under 1 s at a minute (it was the first
	// wave's whole lag with a 3 s step).
	fineFraction = 60
	// maxFineStep bounds the lag behind a very long transition.
	maxFineStep = 15 * time.Second
	// maxFarGap is the longest a wait goes without asking, far from the expected end.
	maxFarGap = 30 * time.Second
)

// next is the delay before the next poll, elapsed after the wait started, prev being the delay
// before the last poll (0 before the first).
func (s pollSchedule) next(elapsed, prev time.Duration) time.Duration {
	if s.Expected <= 0 {
		if prev == 0 {
			return s.First
		}
		return min(2*prev, s.Max)
	}
	fine := min(max(s.Expected/fineFraction, minFineStep), maxFineStep)
	windowStart, windowEnd := s.Expected-2*fine, s.Expected+4*fine
	switch {
	case prev == 0:
		return max(min(s.First, windowStart), fine)
	case elapsed < windowStart:
		return min(max(windowStart-elapsed, fine), maxFarGap)
	case elapsed < windowEnd:
		return fine
	}
	return min(max(2*prev, fine), max(s.Max, fine))
}

// Operations whose durations are learned, one estimate each.
const (
	opCreate = "create"
	opModify = "modify"
	opDelete = "delete"
)

// estimateSamples is how many of the latest durations an estimate is the median of: enough that
// one slow gateway does not move it, few enough that it follows a change in the API's pace.
const estimateSamples = 15

// durationEstimate is the median of the latest durations of one operation, as the waits of this
// process measured them (from the start of the wait to the poll that saw the end).
type durationEstimate struct {
	mu      sync.Mutex
	samples []time.Duration // a ring of at most estimateSamples
	nextIdx int
}

func (e *durationEstimate) add(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.samples) < estimateSamples {
		e.samples = append(e.samples, d)
		return
	}
	e.samples[e.nextIdx] = d
	e.nextIdx = (e.nextIdx + 1) % estimateSamples
}

// median is 0 until a duration has been added.
func (e *durationEstimate) median() time.Duration {
	e.mu.Lock()
	sorted := slices.Clone(e.samples)
	e.mu.Unlock()
	if len(sorted) == 0 {
		return 0
	}
	slices.Sort(sorted)
	mid := len(sorted) / 2
	if len(sorted)%2 == 1 {
		return sorted[mid]
	}
	return (sorted[mid-1] + sorted[mid]) / 2
}

// estimateKey names one estimate: the regional client (one endpoint, one account, one provider
// configuration) and the operation.
type estimateKey struct {
	client *vpcclient.Client
	op     string
}

// estimates is process-wide: Terraform runs one provider process per command, so every wait of
// an apply learns from the waits of that apply that ended before it.
var estimates = struct {
	mu sync.Mutex
	m  map[estimateKey]*durationEstimate
}{m: map[estimateKey]*durationEstimate{}}

func estimateFor(client *vpcclient.Client, op string) *durationEstimate {
	estimates.mu.Lock()
	defer estimates.mu.Unlock()
	k := estimateKey{client: client, op: op}
	e, ok := estimates.m[k]
	if !ok {
		e = &durationEstimate{}
		estimates.m[k] = e
	}
	return e
}

// notFoundTolerance is how many consecutive not-found answers a wait for "active" accepts right
// after a create, while the API's read side catches up with its write side.
const notFoundTolerance = 5

// waitVpnGatewayActive polls until the gateway is active after op (opCreate or opModify), and
// shows what each of shows checks, and returns it as last read. The API's reads may answer a
// gateway as it was before a write for a moment after it, active and unchanged: a change the
// API accepted is done only once a read shows it. It fails when ctx ends (the operation's
// timeout), or when the gateway goes away or starts deleting.
func waitVpnGatewayActive(ctx context.Context, client *vpcclient.Client, id, op string, shows ...func(*vpc.DescribeVpnGatewayResponseBody) bool) (*vpc.DescribeVpnGatewayResponseBody, error) {
	pending := []string{vpcapi.StatusInit, vpcapi.StatusProvisioning, vpcapi.StatusUpdating}
	var (
		last          *vpc.DescribeVpnGatewayResponseBody
		status, vpcID string
		notFound      int
	)
	err := poll(ctx, estimateFor(client, op), func(delay time.Duration) (bool, error) {
		gw, s, err := statusVpnGateway(ctx, client, id, vpcID, delay)
		switch {
		case errors.Is(err, vpcclient.ErrVpnGatewayNotFound):
			if notFound++; notFound > notFoundTolerance {
				return false, fmt.Errorf("the gateway disappeared while waiting for it to become %s", vpcapi.StatusActive)
			}
			return false, nil
		case err != nil:
			return false, err
		}
		notFound, last, status, vpcID = 0, gw, s, dara.StringValue(gw.VpcId)
		tflog.Debug(ctx, "waiting for VPN Gateway to become active", map[string]interface{}{"status": s})
		switch {
		case s == vpcapi.StatusActive && showsAll(gw, shows):
			return true, nil
		case s == vpcapi.StatusActive:
			status = "active, without the change yet"
			return false, nil
		case slices.Contains(pending, s):
			return false, nil
		}
		return false, fmt.Errorf("unexpected status %q while waiting for %s", s, vpcapi.StatusActive)
	})
	if err != nil {
		return last, waitError(err, vpcapi.StatusActive, status)
	}
	return last, nil
}

func showsAll(gw *vpc.DescribeVpnGatewayResponseBody, shows []func(*vpc.DescribeVpnGatewayResponseBody) bool) bool {
	for _, ok := range shows {
		if !ok(gw) {
			return false
		}
	}
	return true
}

// waitVpnGatewayDeleted polls until the API no longer knows the gateway.
func waitVpnGatewayDeleted(ctx context.Context, client *vpcclient.Client, id string) error {
	var status, vpcID string
	err := poll(ctx, estimateFor(client, opDelete), func(delay time.Duration) (bool, error) {
		gw, s, err := statusVpnGateway(ctx, client, id, vpcID, delay)
		switch {
		case errors.Is(err, vpcclient.ErrVpnGatewayNotFound):
			return true, nil
		case err != nil:
			return false, err
		}
		status, vpcID = s, dara.StringValue(gw.VpcId)
		tflog.Debug(ctx, "waiting for VPN Gateway to be deleted", map[string]interface{}{"status": s})
		return false, nil
	})
	if err != nil {
		return waitError(err, "gone", status)
	}
	return nil
}

// poll calls check on the schedule that est suggests, each time with the delay before its read,
// until it reports done, fails, or ctx ends. A wait that reaches its end teaches est how long it
// took.
func poll(ctx context.Context, est *durationEstimate, check func(delay time.Duration) (done bool, err error)) error {
	s := defaultPollSchedule
	s.Expected = est.median()
	start := time.Now()
	var delay time.Duration
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		delay = s.next(time.Since(start), delay)
		done, err := check(delay)
		if err != nil {
			return err
		}
		if done {
			est.add(time.Since(start))
			return nil
		}
	}
}

// waitError says what the wait was for and what it last saw.
func waitError(err error, target, lastStatus string) error {
	if lastStatus == "" {
		lastStatus = "unknown"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("timed out waiting for status %s (last status: %s); raise the timeouts attribute if the API is slow: %w",
			target, lastStatus, err)
	}
	return fmt.Errorf("waiting for status %s (last status: %s): %w", target, lastStatus, err)
}
