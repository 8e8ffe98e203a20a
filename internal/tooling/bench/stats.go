package bench

import (
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// requestCounts is what vpcsim counted during one phase.
type requestCounts struct {
	ByAction  map[string]int `json:"by_action"` // every answer, whatever its status
	Throttled int            `json:"throttled"` // Throttling answers, every action
	Errors    int            `json:"errors"`    // non-200 answers, throttling included
}

// Total is the number of requests of every action.
func (c requestCounts) Total() int {
	n := 0
	for _, v := range c.ByAction {
		n += v
	}
	return n
}

// Reads is the number of status reads (DescribeVpnGateway and DescribeVpnGateways).
func (c requestCounts) Reads() int {
	return c.ByAction[vpcapi.ActionDescribeVpnGateway] + c.ByAction[vpcapi.ActionDescribeVpnGateways]
}

// diffStats is what happened between two snapshots of /_sim/stats.
func diffStats(before, after vpcsim.Stats) requestCounts {
	c := requestCounts{ByAction: map[string]int{}}
	for action, byStatus := range after.Requests {
		for status, n := range byStatus {
			d := n - before.Requests[action][status]
			if d == 0 {
				continue
			}
			c.ByAction[action] += d
			if status != "200" {
				c.Errors += d
			}
		}
	}
	for action, byCode := range after.Codes {
		for code, n := range byCode {
			if isThrottling(code) {
				c.Throttled += n - before.Codes[action][code]
			}
		}
	}
	return c
}

// isThrottling reports whether an API error code is one of the throttling family.
func isThrottling(code string) bool {
	return code == vpcapi.CodeThrottling || strings.HasPrefix(code, vpcapi.CodeThrottling+".")
}
