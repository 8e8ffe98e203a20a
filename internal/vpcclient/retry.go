package vpcclient

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// RetryPolicy is the one retry policy of the client: throttling answers, server errors (5xx) and
// transport failures are retried with exponential backoff and full jitter until the call's context
// ends. Any other API answer is final. A transport failure that is an answer of the network (see
// EndpointError) is retried only for AnswerBudget.
type RetryPolicy struct {
	// BaseDelay caps the first wait; each later wait's cap doubles, up to MaxDelay.
	BaseDelay time.Duration
	// MaxDelay caps every wait of the client's own choosing; a wait the server names is kept.
	MaxDelay time.Duration
	// MaxElapsed bounds the retries of a call whose context has no deadline of its own (a refresh,
	// which has no Terraform timeout).
	MaxElapsed time.Duration
	// AnswerBudget bounds the retries of a call whose attempts fail with an EndpointError: long
	// enough to ride out a restart or a resolver's hiccup, short enough that a mistyped endpoint
	// fails in seconds instead of using up an operation's timeout.
	AnswerBudget time.Duration
	// LookupBudget bounds a lookup made while planning (VpnGatewaysInVpc): a plan waits seconds
	// for a check, never the minutes an operation may retry for.
	LookupBudget time.Duration
}

// DefaultRetryPolicy starts quick enough that a lost response costs well under a second, and backs
// off to a pace that lets a throttled account recover.
var DefaultRetryPolicy = RetryPolicy{
	BaseDelay:    200 * time.Millisecond,
	MaxDelay:     5 * time.Second,
	MaxElapsed:   5 * time.Minute,
	AnswerBudget: 3 * time.Second,
	LookupBudget: 10 * time.Second,
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.BaseDelay <= 0 {
		p.BaseDelay = DefaultRetryPolicy.BaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = DefaultRetryPolicy.MaxDelay
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	if p.MaxElapsed <= 0 {
		p.MaxElapsed = DefaultRetryPolicy.MaxElapsed
	}
	if p.AnswerBudget <= 0 {
		p.AnswerBudget = DefaultRetryPolicy.AnswerBudget
	}
	if p.LookupBudget <= 0 {
		p.LookupBudget = DefaultRetryPolicy.LookupBudget
	}
	return p
}

// delay is the wait before retry number attempt (1 for the first retry). With no word from the
// server it is a uniformly random duration up to min(MaxDelay, BaseDelay*2^(attempt-1)) ("full
// jitter"), so that many clients throttled at once do not come back in step. A throttling answer
// that named a wait (retryAfter: the time until the account's bucket holds a token again) gets
// that wait and up to a quarter more, so that callers sharing a key spread out over the next
// tokens; MaxDelay does not cut it short, since an earlier retry is refused again for certain.
// The caller still gives up when the wait outlasts the operation's deadline.
func (p RetryPolicy) delay(attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return retryAfter + time.Duration(rand.Int64N(int64(retryAfter/4)+1))
	}
	ceiling := p.MaxDelay
	if attempt < 32 {
		if d := p.BaseDelay << (attempt - 1); d > 0 && d < ceiling {
			ceiling = d
		}
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// retryable reports whether a failed attempt may be repeated. Transport and decoding failures are
// retried because the request may never have reached the API, and when it did, the caller's
// ClientToken makes the repeat a no-op; an EndpointError among them is retried too, but only within
// the policy's AnswerBudget (the caller keeps that clock). busy adds the codes of a gateway that is
// still changing.
func retryable(err error, busy bool) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return true
	}
	switch {
	case isThrottling(apiErr.Code), apiErr.HTTPStatus >= 500:
		return true
	case busy:
		return HasCode(err, BusyCodes...)
	}
	return false
}

// sleep waits d or until ctx ends, whichever is first, and says which.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
