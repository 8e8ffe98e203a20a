package vpngateway

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// The warning that the same-name check was skipped names the cause the lookup met: an answer the
// client could not decode is no timeout, and a user told "within the check's budget" would look
// for a slow endpoint.
func TestSameNameSkippedNamesTheCause(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name      string
		ctx       context.Context
		err       error
		want, not string
	}{
		{"decode error", context.Background(),
			errors.New("DescribeVpnGateways: decoding the answer: json: cannot unmarshal"), "listing them failed", "budget"},
		{"budget spent", context.Background(),
			fmt.Errorf("DescribeVpnGateways: %w", context.DeadlineExceeded), "within the check's budget", "failed"},
		{"plan interrupted", canceled, context.Canceled, "the plan was interrupted", "budget"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := sameNameSkipped(tc.ctx, "gw", "vpc-1", tc.err)
			if !strings.Contains(got, tc.want) {
				t.Errorf("the detail does not say %q:\n%s", tc.want, got)
			}
			if strings.Contains(got, tc.not) {
				t.Errorf("the detail says %q, which is not the cause:\n%s", tc.not, got)
			}
			if !strings.Contains(got, tc.err.Error()) {
				t.Errorf("the detail leaves out the error %q:\n%s", tc.err, got)
			}
		})
	}
}
