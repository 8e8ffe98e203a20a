package vpngateway

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpngw/terraform-provider-alicloud/internal/markdown"
	"github.com/vpngw/terraform-provider-alicloud/internal/providerdata"
	"github.com/vpngw/terraform-provider-alicloud/internal/tags"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// Default timeouts of the resource's operations.
const (
	defaultCreateTimeout = 15 * time.Minute
	defaultUpdateTimeout = 5 * time.Minute
	defaultDeleteTimeout = 5 * time.Minute
)

var (
	// VpcIDPattern is the form of a VPC ID; the data sources' vpc_id filter takes the same.
	VpcIDPattern     = regexp.MustCompile(`^vpc-[0-9a-z]+$`)
	vSwitchIDPattern = regexp.MustCompile(`^vsw-[0-9a-z]+$`)
	startsWithLetter = regexp.MustCompile(`^\p{L}`)
	// resourceGroupIDPattern is the form of a resource group ID (rg-acfmxazb4ph6aiy).
	resourceGroupIDPattern = regexp.MustCompile(`^rg-[0-9a-z]+$`)
)

// Replaces is the sentence every argument that cannot change in place ends its description with;
// the data sources cut it from the descriptions they borrow, as it means nothing to them.
const Replaces = " Changing it replaces the gateway."

// Schema is the resource's schema. The data sources and the list resource derive their attributes
// and their null model from it, so that an attribute added here appears there with no change.
func Schema(ctx context.Context) schema.Schema {
	return schema.Schema{
		Version: vpnGatewaySchemaVersion,
		MarkdownDescription: "A VPN gateway of Alibaba Cloud's VPC service, for IPsec-VPN (site-to-site) and SSL-VPN " +
			"(point-to-site) connections.\n\n" +
			"Creation waits until the gateway is `active`, except for an unpaid subscription (`PREPAY` without " +
			"`auto_pay`): then the provider warns with the order ID and returns at once. `name`, `description`, " +
			"`auto_propagate`, `resource_group_id` and `tags` (with the provider's `default_tags`) change in place; `auto_pay` and `period` only matter at creation and change nothing afterwards; every " +
			"other argument replaces the gateway when it changes, because the API cannot change it.\n\n" +
			"Parameter rules follow the CreateVpnGateway reference this provider is built against; where today's API " +
			"accepts more (other bandwidths, for one), the provider still refuses it at plan time.",
		Attributes: map[string]schema.Attribute{
			"auto_pay": schema.BoolAttribute{
				MarkdownDescription: "Whether to pay the order of a `PREPAY` gateway automatically from the account's " +
					"balance. Defaults to `false`: the gateway then waits, in status `init`, until the order is paid in the " +
					"console, and the apply returns with a warning that names the order. It only matters at creation and " +
					"the API cannot report it, so changing it updates state only; after an import it is `false`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"auto_propagate": schema.BoolAttribute{
				MarkdownDescription: "Whether the gateway learns the VPC's system routes and propagates the routes it " +
					"learns over BGP from the other side into the VPC's system route table. When unset the API's " +
					"setting is kept (a new gateway starts with it off); changed in place through ModifyVpnGatewayAttribute. " +
					"Before turning it off, turn BGP off on every IPsec connection of the gateway.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"bandwidth": schema.Int64Attribute{
				MarkdownDescription: "Maximum bandwidth of the gateway in Mbit/s: one of " + markdown.CodeList(gatewayBandwidths) +
					" (today's API also sells larger ones; this provider validates against the reference it was built on)." +
					Replaces,
				Required: true,
				Validators: []validator.Int64{oneOfReference{values: gatewayBandwidths, unit: "Mbit/s",
					note: "Today's API sells more bandwidths than these; this provider validates against the CreateVpnGateway " +
						"reference it implements, which lists only these, and refuses the others at plan time."}},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"business_status": schema.StringAttribute{
				MarkdownDescription: "Payment status: `Normal`, or `FinancialLocked` when the account is overdue or a " +
					"subscription has expired.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"create_time": schema.StringAttribute{
				MarkdownDescription: "When the gateway was created, in RFC 3339 format (UTC).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Description of the gateway: %d to %d characters, starting with a letter, "+
					"not with `http://` or `https://`. Set after creation through ModifyVpnGatewayAttribute and changed in "+
					"place. The API cannot clear a description: removing the argument leaves the current one.",
					descriptionMinLength, descriptionMaxLength),
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators: []validator.String{
					stringvalidator.UTF8LengthBetween(descriptionMinLength, descriptionMaxLength),
					stringvalidator.RegexMatches(startsWithLetter, "must start with a letter"),
					noURLPrefix{},
				},
			},
			"disaster_recovery_internet_ip": schema.StringAttribute{
				MarkdownDescription: "IP address of the second tunnel of a gateway with `disaster_recovery_vswitch_id`; " +
					"null otherwise.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"disaster_recovery_vswitch_id": schema.StringAttribute{
				MarkdownDescription: "Second vSwitch (`vsw-...`), in another zone than `vswitch_id`, for the second " +
					"tunnel in regions where IPsec-VPN connections use dual tunnels. Requires `vswitch_id`." + Replaces,
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
				Validators: []validator.String{
					stringvalidator.RegexMatches(vSwitchIDPattern, "must be a vSwitch ID such as vsw-bp1a2b3c4d5e6f7g8h9i0"),
					stringvalidator.AlsoRequires(path.MatchRoot("vswitch_id")),
				},
			},
			"enable_bgp": schema.BoolAttribute{
				MarkdownDescription: "Whether BGP is on for the gateway, as the API reports it (BGP is set up on the " +
					"IPsec connections).",
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"enable_ipsec": schema.BoolAttribute{
				MarkdownDescription: "Whether the gateway offers IPsec-VPN (site-to-site) connections. Defaults to `true`." +
					Replaces,
				Optional:      true,
				Computed:      true,
				Default:       booldefault.StaticBool(true),
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"enable_ssl": schema.BoolAttribute{
				MarkdownDescription: "Whether the gateway offers SSL-VPN (point-to-site) connections. Defaults to `false`." +
					Replaces,
				Optional:      true,
				Computed:      true,
				Default:       booldefault.StaticBool(false),
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"end_time": schema.StringAttribute{
				MarkdownDescription: "When the subscription of a `PREPAY` gateway ends, in RFC 3339 format (UTC); null " +
					"for `POSTPAY`. Until then the API refuses to release the gateway.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "ID of the gateway (`vpn-...`), the VpnGatewayId of the API. Import uses it.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"instance_charge_type": schema.StringAttribute{
				MarkdownDescription: "Billing method: `POSTPAY` (pay-as-you-go, the default) or `PREPAY` (subscription, " +
					"which requires `period`)." + Replaces,
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(vpcapi.ChargeTypePostpay),
				Validators:    []validator.String{stringvalidator.OneOf(vpcapi.ChargeTypePostpay, vpcapi.ChargeTypePrepay)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"internet_ip": schema.StringAttribute{
				MarkdownDescription: "IP address of the gateway: public for `network_type = \"public\"`, private otherwise. " +
					"May be null until a `PREPAY` order is paid.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Name of the gateway: %d to %d characters, starting with a letter, then "+
					"letters, digits, periods (`.`), underscores (`_`) and hyphens (`-`) (so never `http://` or `https://`). "+
					"When unset the API names the gateway after its ID. Changed in place; removing the argument keeps the "+
					"current name.", nameMinLength, nameMaxLength),
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators: []validator.String{
					stringvalidator.UTF8LengthBetween(nameMinLength, nameMaxLength),
					stringvalidator.RegexMatches(namePattern,
						"must start with a letter and contain only letters, digits, periods (.), underscores (_) and hyphens (-)"),
				},
			},
			"network_type": schema.StringAttribute{
				MarkdownDescription: "`public` (the default): the gateway has a public IP address and connects over the " +
					"Internet; `private`: it has a private address, for connections over Express Connect." + Replaces,
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(vpcapi.NetworkTypePublic),
				Validators:    []validator.String{stringvalidator.OneOf(vpcapi.NetworkTypePublic, vpcapi.NetworkTypePrivate)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"order_id": schema.StringAttribute{
				MarkdownDescription: "ID of the order CreateVpnGateway placed; pay a `PREPAY` order without `auto_pay` in " +
					"the console under Expenses > Orders. Kept from creation: the API cannot report it later, so it is null " +
					"after an import.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"period": schema.Int64Attribute{
				MarkdownDescription: "Length of a `PREPAY` subscription in months: one of " + markdown.CodeList(subscriptionPeriods) +
					". Required with `PREPAY`, refused with `POSTPAY`. It only matters at creation and the API cannot report " +
					"it, so changing it updates state only (renew in the console); an import derives it from the " +
					"subscription's start and end.",
				Optional:   true,
				Validators: []validator.Int64{oneOfReference{values: subscriptionPeriods, unit: "months"}},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Region of the gateway, the RegionId of the API. Defaults to the provider's `region`; " +
					providerdata.RegionsDescription + Replaces,
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
				Validators: []validator.String{providerdata.RegionIDValidator()},
			},
			"resource_group_id": schema.StringAttribute{
				MarkdownDescription: "Resource group (`rg-...`) the gateway belongs to. When unset the gateway joins " +
					"the account's default group, and removing the argument later leaves it where it is. Sent to " +
					"CreateVpnGateway; a change moves the gateway, with its IPsec and SSL servers and connections, in " +
					"place through MoveVpnResourceGroup.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators: []validator.String{
					stringvalidator.RegexMatches(resourceGroupIDPattern, "must be a resource group ID such as rg-acfmxazb4ph6aiy"),
				},
			},
			"spec": schema.StringAttribute{
				MarkdownDescription: "Specification of the gateway as the API reports it, the bandwidth with its unit " +
					"(such as `10M`).",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"ssl_connections": schema.Int64Attribute{
				MarkdownDescription: "Maximum number of SSL-VPN clients connected at once: one of " +
					markdown.CodeList(sslConnectionCounts) + ", the counts the API sells; only with " +
					"`enable_ssl = true`. When unset with SSL-VPN enabled the API picks its default (5); with SSL-VPN " +
					"disabled it is null. The CreateVpnGateway reference's example value, 2, is not one the API " +
					"sells: it states no range of its own, so the API's list is the rule." + Replaces,
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.Int64{
					int64planmodifier.UseStateForUnknown(),
					nullWithoutSSL{},
					int64planmodifier.RequiresReplace(),
				},
				Validators: []validator.Int64{oneOfReference{values: sslConnectionCounts, unit: "clients",
					note: "These are the counts the API sells; the reference's example, 2, is not one of them."}},
			},
			"ssl_vpn_internet_ip": schema.StringAttribute{
				MarkdownDescription: "IP address of the SSL-VPN service of a public dual-tunnel gateway with " +
					"`enable_ssl = true`; null otherwise.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Status of the gateway: `init`, `provisioning`, `active`, `updating` or `deleting`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{activeAfterUpdate{}},
			},
			"tags": schema.MapAttribute{
				MarkdownDescription: "Tags of the gateway. The API takes none at creation: they are set once the " +
					"gateway exists, before the apply finishes, and changed in place (TagResources, UnTagResources); " +
					"removing a key removes the tag. With the provider's `default_tags`, a key in both takes this " +
					"value. " + tags.Description,
				ElementType: types.StringType,
				Optional:    true,
				Validators:  tags.Validators(),
			},
			"tags_all": schema.MapAttribute{
				MarkdownDescription: "Every tag of the gateway, as the API holds it: `tags` merged over the provider's " +
					"`default_tags`. A plan shows its changes, including those a change of `default_tags` makes, " +
					"which update every gateway in place.",
				ElementType: types.StringType,
				Computed:    true,
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{
				Create: true,
				CreateDescription: "How long creation may take, waiting for the gateway to become `active` included: a " +
					"duration such as `30s` or `1h30m` (default `15m`).",
				Update:            true,
				UpdateDescription: "How long an in-place change may take, waits for a busy gateway included (default `5m`).",
				Delete:            true,
				DeleteDescription: "How long deletion may take, waits for a busy gateway and for the gateway to be gone " +
					"included (default `5m`).",
			}),
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "ID of the VPC (`vpc-...`) the gateway belongs to." + Replaces,
				Required:            true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(VpcIDPattern, "must be a VPC ID such as vpc-bp1a2b3c4d5e6f7g8h9i0"),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"vpn_type": schema.StringAttribute{
				MarkdownDescription: "`Normal` (the default) or `NationalStandard` (SM cryptographic algorithms, sold on " +
					"the China site only)." + Replaces,
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(vpcapi.VpnTypeNormal),
				Validators:    []validator.String{stringvalidator.OneOf(vpcapi.VpnTypeNormal, vpcapi.VpnTypeNationalStandard)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"vswitch_id": schema.StringAttribute{
				MarkdownDescription: "vSwitch (`vsw-...`) of the VPC the gateway is attached to. When unset the API picks " +
					"one; regions with dual-tunnel IPsec-VPN need it, with `disaster_recovery_vswitch_id`." + Replaces,
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
				Validators: []validator.String{
					stringvalidator.RegexMatches(vSwitchIDPattern, "must be a vSwitch ID such as vsw-bp1a2b3c4d5e6f7g8h9i0"),
				},
			},
		},
	}
}

// vpnGatewayConfigValidators are the rules between arguments, checked at plan time so that an
// invalid combination never reaches the API.
func vpnGatewayConfigValidators() []resource.ConfigValidator {
	return []resource.ConfigValidator{
		onlyWhenEquals{attr: "ssl_connections", other: "enable_ssl", value: "true", otherDefault: "false"},
		requiredWhenEquals{attr: "period", other: "instance_charge_type", value: vpcapi.ChargeTypePrepay,
			expected: "the length of the subscription in months, one of " + joinInts(subscriptionPeriods)},
		onlyWhenEquals{attr: "period", other: "instance_charge_type", value: vpcapi.ChargeTypePrepay, otherDefault: vpcapi.ChargeTypePostpay},
		unpaidRefusal("description"),
		unpaidRefusal("auto_propagate"),
	}
}

// unpaidRefusal refuses attr on a gateway whose order waits to be paid, and says why and what to do
// instead: the API changes nothing on such a gateway, so attr could not be set when it is created.
func unpaidRefusal(attr string) refusedWhenEqual {
	return refusedWhenEqual{
		attr: attr,
		when: []condition{
			{attr: "instance_charge_type", value: vpcapi.ChargeTypePrepay, unset: vpcapi.ChargeTypePostpay},
			{attr: "auto_pay", value: "false", unset: "false"},
		},
		why: fmt.Sprintf("The order of such a gateway waits to be paid in the console, and until it is the API "+
			"changes nothing on the gateway, so %[1]s could not be set when it is created. Either set auto_pay = "+
			"true, so that the order is paid from the account's balance at creation; or create the gateway without "+
			"%[1]s, pay the order, and then add %[1]s together with auto_pay = true: auto_pay only matters at "+
			"creation, so the change sets %[1]s in place and nothing else.", attr),
	}
}
