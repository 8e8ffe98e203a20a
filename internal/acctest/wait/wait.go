// Package wait is the tests' one way to wait for something another goroutine or process brings
// about. It imports nothing of this module, so that the tests of every package, the simulator's
// and the client's included, can use it without an import cycle.
package wait

import (
	"testing"
	"time"
)

// Until checks cond every interval until it holds (true) or bound passes (false).
func Until(bound, interval time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(bound); !cond(); time.Sleep(interval) {
		if time.Now().After(deadline) {
			return false
		}
	}
	return true
}

// For is Until for a test that cannot go on without cond: it fails t, saying what it waited for,
// when bound passes first.
func For(t testing.TB, what string, bound, interval time.Duration, cond func() bool) {
	t.Helper()
	if !Until(bound, interval, cond) {
		t.Fatalf("%s: not within %s", what, bound)
	}
}
