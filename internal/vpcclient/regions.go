package vpcclient

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// ErrUnknownRegion is wrapped by CheckRegion for a region the API does not list.
var ErrUnknownRegion = errors.New("region not listed by DescribeRegions")

// listedRegions is DescribeRegions' answer, asked at most once per provider process once it has
// succeeded; a failed ask is tried again by the next caller.
type listedRegions struct {
	mu  sync.Mutex
	ids []string
}

// CheckRegion accepts a region where the provider can manage gateways: one of vpcapi.Regions at no
// cost, or else one DescribeRegions lists, so that a region opened after this release works
// without a new one. It answers an error wrapping ErrUnknownRegion, naming the listed regions, for
// a region the API does not list, and the API's error when the list cannot be had.
func (c *Client) CheckRegion(ctx context.Context, region string) error {
	if slices.Contains(vpcapi.Regions, region) {
		return nil
	}
	ids, err := c.regionIDs(ctx)
	if err != nil {
		return fmt.Errorf("region %q is not one this provider knows, and the API's list of regions could not be read: %w", region, err)
	}
	if !slices.Contains(ids, region) {
		return fmt.Errorf("region %q: %w; the API lists %s", region, ErrUnknownRegion, strings.Join(ids, ", "))
	}
	return nil
}

func (c *Client) regionIDs(ctx context.Context) ([]string, error) {
	l := &c.shared.listedRegions
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ids != nil {
		return l.ids, nil
	}
	out, err := call[vpc.DescribeRegionsResponseBody](ctx, c, vpcapi.ActionDescribeRegions, &vpc.DescribeRegionsRequest{}, nil, callOptions{})
	if err != nil {
		return nil, err
	}
	ids := []string{}
	if out.Regions != nil {
		for _, r := range out.Regions.Region {
			if id := dara.StringValue(r.RegionId); id != "" {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	l.ids = ids
	return ids, nil
}
