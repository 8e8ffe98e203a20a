// Package network holds the regions, VPCs and vSwitches the simulator serves, the addresses it
// gives gateways in them, and the read-only actions that list them.
package network

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

// Region is a region with the networks the simulator knows in it. Networks are fixed for a
// simulator's life: gateways are created in them, never the networks themselves.
type Region struct {
	ID   string
	Vpcs []Vpc
}

// Vpc is a VPC and its vSwitches, with what DescribeVpcs filters on. ResourceGroupID "" is the
// account's default group; RouteTableID "" names the VPC's system route table after the VPC.
type Vpc struct {
	ID, Name, CidrBlock string
	VSwitches           []VSwitch
	ResourceGroupID     string            `json:",omitempty"`
	DhcpOptionsSetID    string            `json:",omitempty"`
	RouteTableID        string            `json:",omitempty"`
	Tags                map[string]string `json:",omitempty"`
}

// VSwitch is a vSwitch in one zone, with what DescribeVSwitches filters on. ResourceGroupID ""
// is the account's default group; RouteTableID "" is its VPC's system route table.
type VSwitch struct {
	ID, ZoneID, CidrBlock string
	Name                  string            `json:",omitempty"`
	ResourceGroupID       string            `json:",omitempty"`
	RouteTableID          string            `json:",omitempty"`
	Tags                  map[string]string `json:",omitempty"`
}

// OwnerID is the ID of the one Alibaba Cloud account every network belongs to, the
// VpcOwnerId/VSwitchOwnerId the Describe actions answer and filter on.
const OwnerID int64 = 1234567890123456

// systemRouteTable is the ID of v's system route table.
func (v *Vpc) systemRouteTable() string {
	if v.RouteTableID != "" {
		return v.RouteTableID
	}
	return "vtb-" + strings.TrimPrefix(v.ID, "vpc-")
}

// routeTables lists v's route tables: the system one, then each custom one its vSwitches use.
func (v *Vpc) routeTables() []string {
	out := []string{v.systemRouteTable()}
	for i := range v.VSwitches {
		if id, _ := v.routeTable(&v.VSwitches[i]); !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// routeTable is the route table sw is attached to, and its type as DescribeVSwitches answers it.
func (v *Vpc) routeTable(sw *VSwitch) (id, kind string) {
	if sw.RouteTableID == "" || sw.RouteTableID == v.systemRouteTable() {
		return v.systemRouteTable(), "System"
	}
	return sw.RouteTableID, "Custom"
}

// networkCreated is the CreationTime DescribeVpcs and DescribeVSwitches report for every network:
// the networks are not created through the API, so any fixed past instant will do.
const networkCreated = "2026-01-01T00:00:00Z"

// regionIDPattern is the form of a region ID: cn-hangzhou, ap-southeast-1.
var regionIDPattern = regexp.MustCompile(`^[a-z]{2,}(-[a-z0-9]+)+$`)

// Networks are the regions the simulator serves, by ID. They are fixed for a simulator's life.
type Networks map[string]*Region

// Build merges the extra regions into the seeded one and checks that every region ID is well
// formed and that no VPC or vSwitch ID appears twice.
func Build(seed Region, extra []Region) (Networks, error) {
	regions := Networks{}
	seen := map[string]bool{}
	for _, r := range append([]Region{seed}, extra...) {
		// Any well-formed region ID may be added, not only the ones the provider knows, so that
		// tests can stand for a region opened after the provider's release.
		if !regionIDPattern.MatchString(r.ID) {
			return nil, fmt.Errorf("vpcsim: region %q is not a region ID such as cn-hangzhou", r.ID)
		}
		into := regions[r.ID]
		if into == nil {
			into = &Region{ID: r.ID}
			regions[r.ID] = into
		}
		for _, v := range r.Vpcs {
			if err := checkNetworkID(seen, v.ID, v.CidrBlock); err != nil {
				return nil, err
			}
			vpc := v
			vpc.VSwitches = nil
			for _, sw := range v.VSwitches {
				if err := checkNetworkID(seen, sw.ID, sw.CidrBlock); err != nil {
					return nil, err
				}
				if sw.ZoneID == "" {
					return nil, fmt.Errorf("vpcsim: vSwitch %q has no zone", sw.ID)
				}
				vpc.VSwitches = append(vpc.VSwitches, sw)
			}
			into.Vpcs = append(into.Vpcs, vpc)
		}
	}
	return regions, nil
}

func checkNetworkID(seen map[string]bool, id, cidr string) error {
	if id == "" {
		return fmt.Errorf("vpcsim: a VPC or vSwitch has no ID")
	}
	if seen[id] {
		return fmt.Errorf("vpcsim: network ID %q appears twice", id)
	}
	seen[id] = true
	if _, err := netip.ParsePrefix(cidr); err != nil {
		return fmt.Errorf("vpcsim: %s: CIDR block %q: %w", id, cidr, err)
	}
	return nil
}

// Vpc is the region's VPC id, nil if it has none such.
func (r *Region) Vpc(id string) *Vpc {
	for i := range r.Vpcs {
		if r.Vpcs[i].ID == id {
			return &r.Vpcs[i]
		}
	}
	return nil
}

// VSwitch is the VPC's vSwitch id, nil if it has none such.
func (v *Vpc) VSwitch(id string) *VSwitch {
	for i := range v.VSwitches {
		if v.VSwitches[i].ID == id {
			return &v.VSwitches[i]
		}
	}
	return nil
}

// documentationIPs are the RFC 5737 ranges: public-looking addresses that can never reach anyone.
var documentationIPs = []netip.Prefix{
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
}

// PublicIP returns the n-th documentation address (n from 0), skipping network and broadcast
// addresses and wrapping around after the last range.
func PublicIP(n int64) string {
	const perRange = 254
	n %= perRange * int64(len(documentationIPs))
	p := documentationIPs[n/perRange]
	return nthAddr(p, n%perRange+1)
}

// PrivateIP returns an address inside the vSwitch's CIDR block for a private gateway, leaving
// the first addresses, which the cloud reserves, alone.
func PrivateIP(cidr string, n int64) string {
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return ""
	}
	hostBits := p.Addr().BitLen() - p.Bits()
	usable := int64(1)<<min(hostBits, 30) - 8
	if usable <= 0 {
		return p.Masked().Addr().String()
	}
	return nthAddr(p, 4+n%usable)
}

func nthAddr(p netip.Prefix, n int64) string {
	a := p.Masked().Addr()
	if a.Is4() {
		b := a.As4()
		binary.BigEndian.PutUint32(b[:], binary.BigEndian.Uint32(b[:])+uint32(n))
		return netip.AddrFrom4(b).String()
	}
	for range n {
		a = a.Next()
	}
	return a.String()
}

// availableIPs is what DescribeVSwitches reports: the block's size less the addresses the cloud
// keeps for itself.
func availableIPs(cidr string) int64 {
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return 0
	}
	hostBits := p.Addr().BitLen() - p.Bits()
	return max(int64(1)<<min(hostBits, 32)-4, 0)
}

// Region is the call's RegionId, which must be a region the simulator has a network in.
func (n Networks) Region(c *request.Call) (*Region, *apierr.Error) {
	id, aerr := c.Required("RegionId")
	if aerr != nil {
		return nil, aerr
	}
	r := n[id]
	if r == nil {
		return nil, apierr.RegionNotFound()
	}
	return r, nil
}

// sorted lists the regions by ID.
func (n Networks) sorted() []*Region {
	out := make([]*Region, 0, len(n))
	for _, r := range n {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *Region) int { return strings.Compare(a.ID, b.ID) })
	return out
}
