package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// pollSchedule is how often a waiter asks: first after First, then twice as long each time up to
// Max. Starting fast catches short operations (an update, a simulator) without delay; backing off
// keeps a long provisioning from flooding the API.
type pollSchedule struct {
	First, Max time.Duration
}

var defaultPollSchedule = pollSchedule{First: 250 * time.Millisecond, Max: 2 * time.Second}

// notFoundTolerance is how many consecutive not-found answers a wait for "active" accepts right
// after a create, while the API's read side catches up with its write side.
const notFoundTolerance = 5

// waitVpnGatewayActive polls until the gateway is active and returns it as last read. It fails when
// ctx ends (the operation's timeout), or when the gateway goes away or starts deleting.
func waitVpnGatewayActive(ctx context.Context, client *vpcclient.Client, id string) (*vpc.DescribeVpnGatewayResponseBody, error) {
	pending := []string{vpcapi.StatusInit, vpcapi.StatusProvisioning, vpcapi.StatusUpdating}
	var (
		last     *vpc.DescribeVpnGatewayResponseBody
		status   string
		notFound int
	)
	err := poll(ctx, defaultPollSchedule, func() (bool, error) {
		gw, s, err := statusVpnGateway(ctx, client, id)
		switch {
		case errors.Is(err, vpcclient.ErrVpnGatewayNotFound):
			if notFound++; notFound > notFoundTolerance {
				return false, fmt.Errorf("the gateway disappeared while waiting for it to become %s", vpcapi.StatusActive)
			}
			return false, nil
		case err != nil:
			return false, err
		}
		notFound, last, status = 0, gw, s
		tflog.Debug(ctx, "waiting for VPN Gateway to become active", map[string]interface{}{"status": s})
		switch {
		case s == vpcapi.StatusActive:
			return true, nil
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

// waitVpnGatewayDeleted polls until the API no longer knows the gateway.
func waitVpnGatewayDeleted(ctx context.Context, client *vpcclient.Client, id string) error {
	var status string
	err := poll(ctx, defaultPollSchedule, func() (bool, error) {
		_, s, err := statusVpnGateway(ctx, client, id)
		switch {
		case errors.Is(err, vpcclient.ErrVpnGatewayNotFound):
			return true, nil
		case err != nil:
			return false, err
		}
		status = s
		tflog.Debug(ctx, "waiting for VPN Gateway to be deleted", map[string]interface{}{"status": s})
		return false, nil
	})
	if err != nil {
		return waitError(err, "gone", status)
	}
	return nil
}

// poll calls check on the schedule until it reports done, fails, or ctx ends.
func poll(ctx context.Context, s pollSchedule, check func() (done bool, err error)) error {
	delay := s.First
	for {
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		done, err := check()
		if err != nil || done {
			return err
		}
		delay = min(2*delay, s.Max)
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
