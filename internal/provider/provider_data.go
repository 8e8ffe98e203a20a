package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// providerData is what Configure hands every resource, data source and list resource: one client
// (its ForRegion serves the other regions) and the provider-wide settings they share.
type providerData struct {
	client *vpcclient.Client
	// defaultTags are the provider block's default_tags: every taggable resource holds them under
	// its own tags.
	defaultTags map[string]string
}

// providerDataFrom is the provider's data as a Configure method receives it; nil before the
// provider is configured (validation runs first), with an error for anything else.
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider.", data))
		return nil
	}
	return pd
}
