package wait_test

import (
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/wait"
)

// Until reports a condition that comes true in time, and one that never does.
func TestUntil(t *testing.T) {
	n := 0
	if !wait.Until(time.Second, time.Millisecond, func() bool { n++; return n == 3 }) {
		t.Error("Until gave up on a condition that held at the third check")
	}
	if n != 3 {
		t.Errorf("Until checked %d times, want 3: it stops at the first check that holds", n)
	}
	if wait.Until(20*time.Millisecond, time.Millisecond, func() bool { return false }) {
		t.Error("Until reported a condition that never held")
	}
}
