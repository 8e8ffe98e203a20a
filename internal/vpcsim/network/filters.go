package network

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// filters are the parameters DescribeVpcs and DescribeVSwitches share (their request structs in
// the SDK document each one), read and checked before anything is listed, so that a bad one is
// refused even where nothing would have matched.
type filters struct {
	resourceGroupID string // "": any
	tags            []tagging.Filter
	isDefault       *bool // nil: any
	ipv6            *bool // nil: any
	ownerID         *int64
	dryRun          bool
}

// listing is the prologue DescribeVpcs and DescribeVSwitches share after their region: the
// page asked for and the shared filters.
type listing struct {
	page, size int
	filters
}

// readListing reads the paging and the shared filters, in the order their refusals come;
// ownerParam names the owner filter (VpcOwnerId, VSwitchOwnerId).
func readListing(c *request.Call, ownerParam string) (listing, *apierr.Error) {
	page, size, aerr := c.Paging()
	if aerr != nil {
		return listing{}, aerr
	}
	f, aerr := readFilters(c, ownerParam)
	return listing{page: page, size: size, filters: f}, aerr
}

// readFilters reads the shared filters.
func readFilters(c *request.Call, ownerParam string) (filters, *apierr.Error) {
	f := filters{resourceGroupID: c.Get("ResourceGroupId")}
	var aerr *apierr.Error
	if f.tags, aerr = c.TagFilters(); aerr != nil {
		return f, aerr
	}
	for _, b := range []struct {
		name string
		into **bool
	}{{"IsDefault", &f.isDefault}, {"EnableIpv6", &f.ipv6}} {
		if c.Has(b.name) {
			v, aerr := c.OptBool(b.name, false)
			if aerr != nil {
				return f, aerr
			}
			*b.into = &v
		}
	}
	if n, set, aerr := c.OptInt(ownerParam); aerr != nil {
		return f, aerr
	} else if set {
		f.ownerID = &n
	}
	f.dryRun, aerr = c.OptBool("DryRun", false)
	return f, aerr
}

// match reports whether a network of resourceGroupID with tags passes the filters. No network
// here is a default one or has IPv6, and all belong to OwnerID.
func (f filters) match(resourceGroupID string, tags map[string]string) bool {
	return (f.resourceGroupID == "" || f.resourceGroupID == resourceGroupID) &&
		tagging.Set(tags).Match(f.tags) &&
		(f.isDefault == nil || !*f.isDefault) &&
		(f.ipv6 == nil || !*f.ipv6) &&
		(f.ownerID == nil || *f.ownerID == OwnerID)
}

// matchesExactly reports whether every filter given (non-empty) equals the value the item has.
func matchesExactly(filters, has map[string]string) bool {
	for name, want := range filters {
		if want != "" && has[name] != want {
			return false
		}
	}
	return true
}

// tagList is a network's tags as the Describe answers list them.
type tagList struct {
	Tag []tagging.Tag `json:"Tag"`
}

func tagsOf(tags map[string]string) tagList { return tagList{Tag: tagging.Set(tags).Sorted()} }

// orDefault is a network's resource group: its own, or the account's default.
func orDefault(id, defaultID string) string {
	if id == "" {
		return defaultID
	}
	return id
}
