// Package providerdata is what the configured provider hands every resource, data source and list
// resource (Data: the API client, default_tags, what this process has met in Terraform's state,
// the journal of creates in flight), what they share in their diagnostics (ErrorDetail), and the
// rules of the provider-wide region setting that they repeat in their own schemas. It sits apart
// from internal/provider so that they can import it while the provider imports them to register
// them.
package providerdata

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/vpngw/terraform-provider-alicloud/internal/markdown"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// RegionIDPattern is the form of a region ID (cn-hangzhou, ap-southeast-1). Whether the region
// exists is asked of the API, for the regions the provider does not know (vpcclient.CheckRegion).
var RegionIDPattern = regexp.MustCompile(`^[a-z]{2,}(-[a-z0-9]+)+$`)

// RegionIDValidator checks the form of a region ID: the provider's region, a gateway's and a data
// source's are all checked the same way.
func RegionIDValidator() validator.String {
	return stringvalidator.RegexMatches(RegionIDPattern, "must be a region ID such as cn-hangzhou")
}

// RegionsDescription says which regions are accepted, for the descriptions of every region
// attribute (the provider's and the resource's).
var RegionsDescription = "one of " + markdown.CodeList(vpcapi.Regions) + " at no cost, or any other region that the API's " +
	"DescribeRegions lists (asked once per run, so a newly opened region works without a new release of this provider)."
