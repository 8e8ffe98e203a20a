package vpngateway

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// simulateWait runs schedule s against a transition that ends d after the wait starts, on a
// simulated clock, and returns how many polls it took, when the one that saw the end came, and the
// shortest delay between two polls.
func simulateWait(s pollSchedule, d time.Duration) (polls int, seen, shortest time.Duration) {
	var elapsed, prev time.Duration
	shortest = time.Hour
	for {
		delay := s.next(elapsed, prev)
		if delay <= 0 {
			panic(fmt.Sprintf("non-positive delay %v at %v", delay, elapsed))
		}
		elapsed += delay
		prev = delay
		polls++
		if polls > 1 {
			shortest = min(shortest, delay)
		}
		if elapsed >= d {
			return polls, elapsed, shortest
		}
	}
}

// learnedWaits runs n waits of a transition of d one after another, each learning from the ones
// before as poll does, and returns the schedule and outcome of each.
func learnedWaits(n int, d time.Duration) (schedules []pollSchedule, polls []int, lags []time.Duration) {
	est := &durationEstimate{}
	for range n {
		s := defaultPollSchedule
		s.Expected = est.median()
		p, seen, _ := simulateWait(s, d)
		est.add(seen)
		schedules = append(schedules, s)
		polls = append(polls, p)
		lags = append(lags, seen-d)
	}
	return schedules, polls, lags
}

func TestPollScheduleWithoutEstimateBacksOff(t *testing.T) {
	s := defaultPollSchedule
	want := []int64{500, 1500, 3500, 5500, 7500, 9500} // milliseconds
	var elapsed, prev time.Duration
	for i, w := range want {
		prev = s.next(elapsed, prev)
		elapsed += prev
		if elapsed != time.Duration(w)*time.Millisecond {
			t.Fatalf("poll %d at %v, want %d ms", i+1, elapsed, w)
		}
	}
}

// TestPollScheduleLearnsTheTransition: every wait sees the end within the plain backoff's Max, and
// from D = 5 s on with at most D/1s + 3 polls (the benchmark's target for one gateway); the waits after
// the first, which know how long the transition takes, see it within one fine step.
func TestPollScheduleLearnsTheTransition(t *testing.T) {
	for _, d := range []time.Duration{5 * time.Second, 1500 * time.Millisecond, 500 * time.Millisecond, 30 * time.Second, time.Minute} {
		t.Run(d.String(), func(t *testing.T) {
			schedules, polls, lags := learnedWaits(12, d)
			maxPolls := int(d/time.Second) + 3
			for i := range polls {
				if lags[i] > defaultPollSchedule.Max {
					t.Errorf("wait %d (expected %v): seen %v late, want at most %v", i+1, schedules[i].Expected, lags[i], defaultPollSchedule.Max)
				}
				if d >= 5*time.Second && polls[i] > maxPolls {
					t.Errorf("wait %d (expected %v): %d polls, want at most %d", i+1, schedules[i].Expected, polls[i], maxPolls)
				}
			}
			if schedules[0].Expected != 0 {
				t.Errorf("the first wait had an estimate (%v) before any wait ended", schedules[0].Expected)
			}
			fine := max(d/fineFraction, minFineStep)
			for i := 1; i < len(lags); i++ {
				if lags[i] > fine {
					t.Errorf("wait %d (expected %v): seen %v late, want at most one fine step (%v)", i+1, schedules[i].Expected, lags[i], fine)
				}
			}
		})
	}
}

// TestPollScheduleAtD5 pins the figures of the benchmark's scenario (D = 5 s): the first wait keeps the
// plain backoff's 4 polls and 0.5 s of lag (within D + 1.5 s, at most 8 polls), the later ones
// take at most 4 polls and lag at most 250 ms.
func TestPollScheduleAtD5(t *testing.T) {
	_, polls, lags := learnedWaits(10, 5*time.Second)
	if polls[0] != 4 || lags[0] != 500*time.Millisecond {
		t.Errorf("first wait: %d polls, %v late; want 4 polls, 500ms late", polls[0], lags[0])
	}
	for i := 1; i < len(polls); i++ {
		if polls[i] > 4 || lags[i] > minFineStep {
			t.Errorf("wait %d: %d polls, %v late; want at most 4 polls, %v late", i+1, polls[i], lags[i], minFineStep)
		}
	}
}

// TestPollScheduleAtTheRealPace pins D = 60 s: the first wait polls 32 times and sees the end 1.5 s
// late (a read fewer and no later than before the schedule started at 500 ms); the later ones, which
// know the duration, see it under a second late in at most 5 polls.
func TestPollScheduleAtTheRealPace(t *testing.T) {
	_, polls, lags := learnedWaits(10, time.Minute)
	if polls[0] != 32 || lags[0] != 1500*time.Millisecond {
		t.Errorf("first wait: %d polls, %v late; want 32 polls, 1.5s late", polls[0], lags[0])
	}
	for i := 1; i < len(polls); i++ {
		if polls[i] > 5 || lags[i] >= time.Second {
			t.Errorf("wait %d: %d polls, %v late; want at most 5 polls, under 1s late", i+1, polls[i], lags[i])
		}
	}
}

// TestPollScheduleLongProvisioningStaysUnderTheRateLimit: a real gateway takes minutes; a hundred
// of them waiting at once share each tick's list, two pages of 50, and those must not come more
// than 20 times a second, and no wait may go unasked for longer than maxFarGap.
func TestPollScheduleLongProvisioningStaysUnderTheRateLimit(t *testing.T) {
	const gateways, rateLimit = 100, 20
	pages := (gateways + vpcapi.MaxPageSize - 1) / vpcapi.MaxPageSize
	for _, d := range []time.Duration{2 * time.Minute, 5 * time.Minute, 20 * time.Minute} {
		s := defaultPollSchedule
		s.Expected = d
		polls, seen, shortest := simulateWait(s, d)
		if rate := float64(pages) / shortest.Seconds(); rate > rateLimit {
			t.Errorf("D = %v: shortest delay %v: %d gateways' ticks would ask %.1f times a second", d, shortest, gateways, rate)
		}
		if lag := seen - d; lag > d/10 {
			t.Errorf("D = %v: seen %v late", d, lag)
		}
		var elapsed, prev time.Duration
		for elapsed < d {
			prev = s.next(elapsed, prev)
			elapsed += prev
			if prev > maxFarGap {
				t.Fatalf("D = %v: %v without a poll at %v", d, prev, elapsed)
			}
		}
		t.Logf("D = %v: %d polls, %v late", d, polls, seen-d)
	}
}

// TestPollScheduleSurvivesAWrongEstimate: a transition much longer than expected still ends in
// the plain backoff (at most Max between polls); one much shorter is seen at the window's start.
func TestPollScheduleSurvivesAWrongEstimate(t *testing.T) {
	s := defaultPollSchedule
	s.Expected = 5 * time.Second
	if _, seen, _ := simulateWait(s, 60*time.Second); seen-60*time.Second > s.Max {
		t.Errorf("a transition of 60 s expected at 5 s was seen %v late, want at most %v", seen-60*time.Second, s.Max)
	}
	if polls, seen, _ := simulateWait(s, 100*time.Millisecond); polls != 1 || seen != s.First {
		t.Errorf("a transition of 100 ms expected at 5 s: %d polls, seen at %v; want the first poll at %v", polls, seen, s.First)
	}
}

func TestDurationEstimateIsTheMedianOfTheLatest(t *testing.T) {
	e := &durationEstimate{}
	if m := e.median(); m != 0 {
		t.Fatalf("empty estimate: %v", m)
	}
	e.add(5 * time.Second)
	e.add(7 * time.Second)
	if m := e.median(); m != 6*time.Second {
		t.Errorf("median of 5s, 7s: %v", m)
	}
	e.add(time.Minute) // one slow outlier does not move it far
	if m := e.median(); m != 7*time.Second {
		t.Errorf("median of 5s, 7s, 1m: %v", m)
	}
	for range estimateSamples {
		e.add(2 * time.Second)
	}
	if m := e.median(); m != 2*time.Second || len(e.samples) != estimateSamples {
		t.Errorf("after %d samples of 2s: median %v over %d samples", estimateSamples, m, len(e.samples))
	}
}

func TestEstimatesArePerClientAndOperation(t *testing.T) {
	a, b := &vpcclient.Client{}, &vpcclient.Client{}
	estimateFor(a, opCreate).add(5 * time.Second)
	if estimateFor(a, opCreate).median() != 5*time.Second {
		t.Error("the estimate was not kept")
	}
	if estimateFor(a, opDelete).median() != 0 || estimateFor(b, opCreate).median() != 0 {
		t.Error("an estimate leaked to another operation or client")
	}
}

// TestPollLearnsOnlyFromWaitsThatEnd: a wait that fails or is cancelled says nothing about how
// long the transition takes.
func TestPollLearnsOnlyFromWaitsThatEnd(t *testing.T) {
	est := &durationEstimate{}
	var delays []time.Duration
	if err := poll(context.Background(), est, func(d time.Duration) (bool, error) {
		delays = append(delays, d)
		return len(delays) == 2, nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{defaultPollSchedule.First, 2 * defaultPollSchedule.First}; !slices.Equal(delays, want) || len(est.samples) != 1 {
		t.Fatalf("delays %v (want %v), samples %v", delays, want, est.samples)
	}
	boom := errors.New("boom")
	if err := poll(context.Background(), est, func(time.Duration) (bool, error) { return false, boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := poll(ctx, est, func(time.Duration) (bool, error) { return true, nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if len(est.samples) != 1 {
		t.Errorf("samples %v, want only the wait that ended", est.samples)
	}
}
