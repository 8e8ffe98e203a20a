package lookup

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpngw/terraform-provider-alicloud/internal/markdown"
	"github.com/vpngw/terraform-provider-alicloud/internal/providerdata"
	"github.com/vpngw/terraform-provider-alicloud/internal/tags"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpngateway"
)

// The filters of alicloud_vpn_gateways, alicloud_vpn_gateway (data source) and the
// alicloud_vpn_gateway list resource: one set, with one meaning. Those the API filters by go into
// DescribeVpnGateways; every filter is checked again on each answer, so that a site that ignores a
// parameter cannot widen a result.

var vpnGatewayStatuses = []string{
	vpcapi.StatusInit, vpcapi.StatusProvisioning, vpcapi.StatusActive, vpcapi.StatusUpdating, vpcapi.StatusDeleting,
}

// gatewayFilterAttributes are the filters as data source attributes.
func gatewayFilterAttributes() map[string]dsschema.Attribute {
	return map[string]dsschema.Attribute{
		"ids": dsschema.ListAttribute{
			MarkdownDescription: "Only the gateways with these IDs (`vpn-...`): an empty list finds none, and sends no " +
				"request. Also the IDs found, in the API's order.",
			ElementType: types.StringType,
			Optional:    true,
			Computed:    true,
			Validators: []validator.List{listvalidator.ValueStringsAre(
				stringvalidator.RegexMatches(vpngateway.IDPattern, "must be a VPN gateway ID such as vpn-bp1a2b3c4d5e6f7g8h9i0"))},
		},
		"name_regex": dsschema.StringAttribute{
			MarkdownDescription: "Only the gateways whose name matches this regular expression (Go's RE2 syntax; " +
				"unanchored, so `^` and `$` anchor it).",
			Optional:   true,
			Validators: []validator.String{regexValidator{}},
		},
		"vpc_id": dsschema.StringAttribute{
			MarkdownDescription: "Only the gateways of this VPC (`vpc-...`).",
			Optional:            true,
			Validators: []validator.String{
				stringvalidator.RegexMatches(vpngateway.VpcIDPattern, "must be a VPC ID such as vpc-bp1a2b3c4d5e6f7g8h9i0"),
			},
		},
		"status": dsschema.StringAttribute{
			MarkdownDescription: "Only the gateways in this status: " + markdown.CodeList(vpnGatewayStatuses) + ".",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.OneOf(vpnGatewayStatuses...)},
		},
		"business_status": dsschema.StringAttribute{
			MarkdownDescription: "Only the gateways in this payment status: `" + vpcapi.BusinessStatusNormal + "` or `" +
				vpcapi.BusinessStatusFinancialLocked + "`.",
			Optional: true,
			Validators: []validator.String{
				stringvalidator.OneOf(vpcapi.BusinessStatusNormal, vpcapi.BusinessStatusFinancialLocked),
			},
		},
		"tags": dsschema.MapAttribute{
			MarkdownDescription: "Only the gateways that carry every one of these tags, key and value (the API's Tag " +
				"filter). " + tags.Description,
			ElementType: types.StringType,
			Optional:    true,
			Validators:  tags.Validators(),
		},
		"resource_group_id": dsschema.StringAttribute{
			MarkdownDescription: "Only the gateways of this resource group (`rg-...`).",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"region": dsschema.StringAttribute{
			MarkdownDescription: "Region to search; defaults to the provider's `region`. Also the region searched.",
			Optional:            true,
			Computed:            true,
			Validators:          []validator.String{providerdata.RegionIDValidator()},
		},
		gatewayTypeAttribute: dsschema.StringAttribute{
			MarkdownDescription: "Only the gateways of this type (the API's GatewayType, such as `" +
				vpcapi.GatewayTypeEnhancedSiteToSite + "`). Unset, only the gateways `alicloud_vpn_gateway` manages (`" +
				vpcapi.GatewayTypeTraditional + "`): the lists also hold other products' gateways, which lack their fields.",
			Optional:   true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
	}
}

// listFilterAttributes are the filters of the list resource, which lists only the gateways the
// resource manages, so it has no gateway_type.
func listFilterAttributes() map[string]listschema.Attribute {
	out := map[string]listschema.Attribute{}
	for name, a := range gatewayFilterAttributes() {
		if name == gatewayTypeAttribute {
			continue
		}
		switch a := a.(type) {
		case dsschema.StringAttribute:
			out[name] = listschema.StringAttribute{Optional: true, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}
		case dsschema.ListAttribute:
			out[name] = listschema.ListAttribute{Optional: true, MarkdownDescription: a.MarkdownDescription, ElementType: a.ElementType, Validators: a.Validators}
		case dsschema.MapAttribute:
			out[name] = listschema.MapAttribute{Optional: true, MarkdownDescription: a.MarkdownDescription, ElementType: a.ElementType, Validators: a.Validators}
		default:
			panic(fmt.Sprintf("filter %s is a %T, which the list resource cannot take", name, a))
		}
	}
	return out
}

// gatewayFilter is a search, as configured.
type gatewayFilter struct {
	ids []string
	// byID says that ids was configured: an empty list names no gateway, where an unset one names all.
	byID                                                        bool
	nameRegex                                                   *regexp.Regexp
	vpcID, status, businessStatus, resourceGroupID, gatewayType string
	region                                                      string // never "": the provider's when unset
	tags                                                        map[string]string
	configured                                                  []string // "name = value" of each filter set, for diagnostics
}

// readGatewayFilter reads the filters a configuration's schema has (id counts as ids of one).
func readGatewayFilter(ctx context.Context, cfg tfsdk.Config, providerRegion string) (gatewayFilter, diag.Diagnostics) {
	var f gatewayFilter
	var diags diag.Diagnostics
	attrs := cfg.Schema.GetAttributes()
	str := func(name string) string {
		if _, ok := attrs[name]; !ok {
			return ""
		}
		var v types.String
		diags.Append(cfg.GetAttribute(ctx, path.Root(name), &v)...)
		if v.ValueString() != "" {
			f.configured = append(f.configured, fmt.Sprintf("%s = %q", name, v.ValueString()))
		}
		return v.ValueString()
	}
	if id := str("id"); id != "" {
		f.ids, f.byID = []string{id}, true
	}
	if _, ok := attrs["ids"]; ok {
		var ids types.List
		diags.Append(cfg.GetAttribute(ctx, path.Root("ids"), &ids)...)
		if !ids.IsNull() {
			f.byID = true
			diags.Append(ids.ElementsAs(ctx, &f.ids, false)...)
			f.configured = append(f.configured, fmt.Sprintf("ids = [%s]", strings.Join(quoted(f.ids), ", ")))
		}
	}
	if re := str("name_regex"); re != "" {
		// The validator has compiled it already.
		f.nameRegex = regexp.MustCompile(re)
	}
	f.vpcID, f.status, f.businessStatus = str("vpc_id"), str("status"), str("business_status")
	f.resourceGroupID, f.gatewayType = str("resource_group_id"), str(gatewayTypeAttribute)
	f.region = str("region")
	if f.region == "" {
		f.region = providerRegion
	}
	var tagsValue types.Map
	diags.Append(cfg.GetAttribute(ctx, path.Root("tags"), &tagsValue)...)
	if !tagsValue.IsNull() {
		diags.Append(tagsValue.ElementsAs(ctx, &f.tags, false)...)
		var pairs []string
		for _, k := range slices.Sorted(maps.Keys(f.tags)) {
			pairs = append(pairs, fmt.Sprintf("%q = %q", k, f.tags[k]))
		}
		f.configured = append(f.configured, "tags = {"+strings.Join(pairs, ", ")+"}")
	}
	return f, diags
}

func quoted(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = fmt.Sprintf("%q", v)
	}
	return out
}

// String names the filters set and the region, for diagnostics.
func (f gatewayFilter) String() string {
	if len(f.configured) == 0 {
		return "no filters, in region " + f.region
	}
	return strings.Join(f.configured, ", ") + ", in region " + f.region
}

// none reports whether the filters name no gateway at all, so that a search needs no request.
func (f gatewayFilter) none() bool {
	return f.byID && len(f.ids) == 0
}

// request is the DescribeVpnGateways request with every filter the API takes.
func (f gatewayFilter) request() *vpc.DescribeVpnGatewaysRequest {
	req := &vpc.DescribeVpnGatewaysRequest{}
	if len(f.ids) == 1 {
		req.VpnGatewayId = dara.String(f.ids[0])
	}
	set := func(v string) *string {
		if v == "" {
			return nil
		}
		return dara.String(v)
	}
	req.VpcId, req.Status, req.BusinessStatus = set(f.vpcID), set(f.status), set(f.businessStatus)
	req.ResourceGroupId = set(f.resourceGroupID)
	for _, k := range slices.Sorted(maps.Keys(f.tags)) {
		req.Tag = append(req.Tag, &vpc.DescribeVpnGatewaysRequestTag{Key: dara.String(k), Value: dara.String(f.tags[k])})
	}
	return req
}

// matches reports whether a listed gateway passes every filter but tags, which may need a read of
// their own (vpcclient.FillTags).
func (f gatewayFilter) matches(gw vpcclient.ListedVpnGateway) bool {
	id := dara.StringValue(gw.VpnGatewayId)
	sameOrUnset := func(want string, got *string) bool {
		return want == "" || strings.EqualFold(want, dara.StringValue(got))
	}
	switch {
	case f.gatewayType == "" && !vpcclient.IsVpnGatewayType(gw.GatewayType):
		return false
	case f.gatewayType != "" && !strings.EqualFold(f.gatewayType, typeOrTraditional(gw.GatewayType)):
		return false
	case f.byID && !slices.Contains(f.ids, id):
		return false
	case f.nameRegex != nil && !f.nameRegex.MatchString(dara.StringValue(gw.Name)):
		return false
	case !sameOrUnset(f.vpcID, gw.VpcId), !sameOrUnset(f.status, gw.Status),
		!sameOrUnset(f.businessStatus, gw.BusinessStatus), !sameOrUnset(f.resourceGroupID, gw.ResourceGroupId):
		return false
	}
	return true
}

// hasTags reports whether an answer, its tags filled in, carries every one of want.
func hasTags(gw *vpc.DescribeVpnGatewayResponseBody, want map[string]string) bool {
	got, _ := vpcclient.TagsFromAnswer(gw.Tags)
	for k, v := range want {
		if have, ok := got[k]; !ok || have != v {
			return false
		}
	}
	return true
}

// searchGateways yields every gateway of client's region that f matches, in the API's order, mapped
// as the resource maps it, over every page of DescribeVpnGateways: a page costs one request. The
// answers that lack their tags get them from one ListTagResources per 50 such gateways, across
// pages (as the refresh reads them), so a gateway waits for its tags only until 50 others need
// theirs or the pages end. An error ends the sequence after it is yielded.
func searchGateways(ctx context.Context, client *vpcclient.Client, f gatewayFilter, mapper *gatewayMapper) iter.Seq2[foundGateway, error] {
	return func(yield func(foundGateway, error) bool) {
		if f.none() {
			return
		}
		var pending []vpcclient.ListedVpnGateway // matched, in order, not yet yielded
		// emit yields the pending gateways whose tags are known, up to the first one still
		// without; false when the caller has stopped or an error was yielded.
		emit := func() bool {
			for len(pending) > 0 && pending[0].Tags != nil {
				gw := pending[0]
				pending = pending[1:]
				if !hasTags(gw.DescribeVpnGatewayResponseBody, f.tags) {
					continue
				}
				g, diags := mapper.found(ctx, gw.DescribeVpnGatewayResponseBody, gw.GatewayType)
				if diags.HasError() {
					yield(foundGateway{}, diagsError(diags))
					return false
				}
				if !yield(g, nil) {
					return false
				}
			}
			return true
		}
		// fill reads the tags of the first ListTagResources' worth of pending gateways without
		// them (all of them once the pages have ended), and reports whether it read any.
		fill := func(last bool) (bool, error) {
			batch, untagged := len(pending), 0
			for i, gw := range pending {
				if gw.Tags == nil {
					if untagged++; untagged == vpcclient.MaxIDsPerTagList {
						batch = i + 1
						break
					}
				}
			}
			if untagged == 0 || untagged < vpcclient.MaxIDsPerTagList && !last {
				return false, nil
			}
			return true, client.FillTags(ctx, pending[:batch])
		}
		// drain yields what it can, reading tags while a full request's worth (or, last, any) is
		// missing; false when the sequence has ended.
		drain := func(last bool) bool {
			for {
				if !emit() {
					return false
				}
				filled, err := fill(last)
				if err != nil {
					yield(foundGateway{}, err)
					return false
				}
				if !filled {
					return true
				}
			}
		}
		for page, err := range client.VpnGatewayPages(ctx, f.request()) {
			if err != nil {
				yield(foundGateway{}, err)
				return
			}
			for _, gw := range page.Gateways() {
				if f.matches(gw) {
					pending = append(pending, gw)
				}
			}
			if !drain(false) {
				return
			}
		}
		drain(true)
	}
}

// diagsError is the error diagnostics of a mapping as one error, for a search's sequence.
func diagsError(diags diag.Diagnostics) error {
	var parts []string
	for _, d := range diags.Errors() {
		parts = append(parts, d.Summary()+": "+d.Detail())
	}
	return errors.New(strings.Join(parts, "; "))
}

// regexValidator accepts a regular expression Go's regexp package compiles.
type regexValidator struct{}

var _ validator.String = regexValidator{}

func (regexValidator) Description(context.Context) string {
	return "must be a regular expression in Go's RE2 syntax"
}

func (v regexValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (regexValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := regexp.Compile(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid regular expression",
			fmt.Sprintf("Expected a regular expression in Go's RE2 syntax (https://github.com/google/re2/wiki/Syntax): %v.", err))
	}
}
