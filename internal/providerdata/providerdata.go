package providerdata

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/vpngw/terraform-provider-alicloud/internal/journal"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// Data is what Configure hands every resource, data source and list resource: one client
// (its ForRegion serves the other regions) and the provider-wide settings they share.
type Data struct {
	Client *vpcclient.Client
	// DefaultTags are the provider block's default_tags: every taggable resource holds them under
	// its own tags.
	DefaultTags map[string]string
	// InState is what this provider process has met in Terraform's state.
	InState *InState
	// Journal keeps the creates in flight in the working directory's Terraform data directory, for
	// the next apply to finish those of a process that ended mid-create; nil outside one.
	Journal *journal.Journal
}

// From is the provider's data as a Configure method receives it; nil before the
// provider is configured (validation runs first), with an error for anything else.
func From(data any, diags *diag.Diagnostics) *Data {
	if data == nil {
		return nil
	}
	pd, ok := data.(*Data)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerdata.Data, got %T. This is a bug in the provider.", data))
		return nil
	}
	return pd
}
