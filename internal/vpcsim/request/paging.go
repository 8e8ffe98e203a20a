package request

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
)

// Paging limits of the Describe actions.
const (
	defaultPageSize = 10
	maxPageSize     = vpcapi.MaxPageSize
)

// Paging reads the call's PageNumber and PageSize, as the Describe actions take them.
func (c *Call) Paging() (page, size int, aerr *apierr.Error) {
	p, set, aerr := c.OptInt("PageNumber")
	if aerr != nil {
		return 0, 0, aerr
	}
	if !set {
		p = 1
	}
	if p < 1 || p > 1<<20 {
		return 0, 0, apierr.InvalidParameter("PageNumber", "%d is not a page number (1 or more)", p)
	}
	n, set, aerr := c.OptInt("PageSize")
	if aerr != nil {
		return 0, 0, aerr
	}
	if !set {
		n = defaultPageSize
	}
	if n < 1 || n > maxPageSize {
		return 0, 0, apierr.InvalidParameter("PageSize", "%d is not within 1 to %d", n, maxPageSize)
	}
	return int(p), int(n), nil
}

// Page returns page number page (from 1) of items, size to a page; never nil, so that an
// empty page is an empty JSON list as the API answers it.
func Page[T any](items []T, page, size int) []T {
	start := min((page-1)*size, len(items))
	end := min(start+size, len(items))
	return append([]T{}, items[start:end]...)
}
