package vpcclient

import (
	"context"
	"sync"
	"time"
)

// clock is the time every batcher of a client goes by. The zero value is production's: the wall
// clock, a batch that closes gatherWindow after its first call, and real timers. Tests set the
// hooks so that how many calls share a request, whether a snapshot is still fresh and when a wait's
// tick comes never depend on how fast goroutines happen to run.
type clock struct {
	now    func() time.Time
	gather func(pending func() int) // returns when the batch is to be flushed
	after  func(d time.Duration) <-chan time.Time
}

func (k *clock) Now() time.Time {
	if k.now != nil {
		return k.now()
	}
	return time.Now()
}

// Since is k.Now() - t.
func (k *clock) Since(t time.Time) time.Duration { return k.Now().Sub(t) }

// After is time.After on k.
func (k *clock) After(d time.Duration) <-chan time.Time {
	if k.after != nil {
		return k.after(d)
	}
	return time.After(d)
}

// waitForBatch returns when the batch whose size pending tells is to be flushed.
func (k *clock) waitForBatch(pending func() int) {
	if k.gather == nil {
		time.Sleep(gatherWindow)
		return
	}
	k.gather(pending)
}

// batch gathers concurrent calls into one flush: the first call opens a batch, the clock closes it,
// and flush answers every call of it at once (answers[i] is qs[i]'s).
type batch[Q, A any] struct {
	clk     *clock
	mu      sync.Mutex
	pending []*batchCall[Q, A]
}

type batchCall[Q, A any] struct {
	q    Q
	done chan A
}

// join adds q to the open batch, opening one if none is, and returns its answer; ok is false when
// ctx ended first. The flush outlives any one caller's context (the others still wait for it) but
// keeps the opener's values, its logger among them.
func (b *batch[Q, A]) join(ctx context.Context, q Q, flush func(ctx context.Context, qs []Q) []A) (a A, ok bool) {
	p := &batchCall[Q, A]{q: q, done: make(chan A, 1)}
	b.mu.Lock()
	b.pending = append(b.pending, p)
	if len(b.pending) == 1 {
		go b.flushAfter(context.WithoutCancel(ctx), flush)
	}
	b.mu.Unlock()
	select {
	case a := <-p.done:
		return a, true
	case <-ctx.Done():
		return a, false
	}
}

func (b *batch[Q, A]) flushAfter(ctx context.Context, flush func(ctx context.Context, qs []Q) []A) {
	b.clk.waitForBatch(func() int {
		b.mu.Lock()
		defer b.mu.Unlock()
		return len(b.pending)
	})
	b.mu.Lock()
	calls := b.pending
	b.pending = nil
	b.mu.Unlock()
	qs := make([]Q, len(calls))
	for i, p := range calls {
		qs[i] = p.q
	}
	answers := flush(ctx, qs)
	for i, p := range calls {
		p.done <- answers[i]
	}
}
