// Package vpcapi holds the names of the Alibaba Cloud VPC API (version 2016-04-28) that both the
// provider and vpcsim use: actions, status values, error codes, parameter values and regions, and
// the limits the tag API documents.
//
// It holds names and documented figures only, never rules: the provider's validators (internal/vpngateway/rules.go) and
// vpcsim's request checks (internal/vpcsim/dialect) are written apart from the seed and the public
// record, so that a misreading in one shows as a disagreement with the other
// (TestValidatorsAgreeWithVpcsim).
package vpcapi

// Version is the API version every VPC action is called with.
const Version = "2016-04-28"

// Actions the provider calls and vpcsim serves.
const (
	ActionCreateVpnGateway          = "CreateVpnGateway"
	ActionDescribeVpnGateway        = "DescribeVpnGateway"
	ActionDescribeVpnGateways       = "DescribeVpnGateways"
	ActionModifyVpnGatewayAttribute = "ModifyVpnGatewayAttribute"
	ActionDeleteVpnGateway          = "DeleteVpnGateway"
	ActionDescribeVpcs              = "DescribeVpcs"
	ActionDescribeVSwitches         = "DescribeVSwitches"
	ActionDescribeRegions           = "DescribeRegions"
)

// Actions on a VPN gateway's tags and resource group. None of them takes a ClientToken: each is
// safe to repeat, as a repeated request leaves the same tags or the same group.
const (
	ActionTagResources         = "TagResources"
	ActionUnTagResources       = "UnTagResources"
	ActionListTagResources     = "ListTagResources"
	ActionMoveVpnResourceGroup = "MoveVpnResourceGroup"
)

// Resource types. The tag actions take their ResourceType in any case; TagResourceTypeVpnGateway
// is the upper-case form their reference lists (the official provider sends "VpnGateWay").
// MoveVpnResourceGroup's reference spells its types in camel case; the official provider sends
// "VpnGateWay" there too.
const (
	TagResourceTypeVpnGateway       = "VPNGATEWAY"
	MoveResourceTypeVpnGateway      = "VpnGateway"
	MoveResourceTypeCustomerGateway = "CustomerGateway"
	MoveResourceTypeVpnAttachment   = "VpnAttachment"
)

// Values of a VPN gateway's Status, in the order a gateway passes through them.
const (
	StatusInit         = "init"
	StatusProvisioning = "provisioning"
	StatusActive       = "active"
	StatusUpdating     = "updating"
	StatusDeleting     = "deleting"
)

// Values of a VPN gateway's BusinessStatus.
const (
	BusinessStatusNormal          = "Normal"
	BusinessStatusFinancialLocked = "FinancialLocked"
)

// Billing methods (InstanceChargeType). The API answers DescribeVpnGateway's ChargeType as
// "Prepay"/"Postpay"; CreateVpnGateway takes the upper-case forms.
const (
	ChargeTypePrepay  = "PREPAY"
	ChargeTypePostpay = "POSTPAY"
)

// Gateway types (GatewayType) in DescribeVpnGateway(s) answers. The lists hold gateways of every
// type; an Enhanced.SiteToSite gateway is another product, answered without Status, ChargeType or
// Spec. Gateways created before the field existed carry none.
const (
	GatewayTypeTraditional        = "Traditional"
	GatewayTypeEnhancedSiteToSite = "Enhanced.SiteToSite"
)

// Network types (NetworkType) accepted by CreateVpnGateway.
const (
	NetworkTypePublic  = "public"
	NetworkTypePrivate = "private"
)

// Error codes the real endpoint answers, as listed in the API reference and its error center.
const (
	CodeVpnGatewayNotFound          = "InvalidVpnGatewayInstanceId.NotFound"
	CodeVpnGatewayIDNotFound        = "InvalidVpnGatewayId.NotFound"
	CodeInstanceNotExists           = "INSTANCE_NOT_EXISTS"
	CodeForbidden                   = "Forbidden"
	CodeVpnGatewayConfiguring       = "VpnGateway.Configuring"
	CodeIncorrectStatus             = "IncorrectStatus.VpnGateway"
	CodeOperationConflict           = "OperationConflict"
	CodeForbiddenRelease            = "ForbiddenRelease"
	CodeQuotaFull                   = "Resource.QuotaFull"
	CodeVpcNotFound                 = "InvalidVpcId.NotFound"
	CodeVSwitchNotFound             = "InvalidVSwitchId.NotFound"
	CodeRegionNotFound              = "InvalidRegionId.NotFound"
	CodeIdempotentParameterMismatch = "IdempotentParameterMismatch"
	CodeMissingParameter            = "MissingParameter"
	CodeInvalidParameter            = "InvalidParameter"
	CodeActionNotFound              = "InvalidAction.NotFound"
	CodeThrottlingUser              = "Throttling.User"
	CodeThrottling                  = "Throttling"
	CodeInternalError               = "InternalError"
	CodeServiceUnavailable          = "ServiceUnavailable"
	CodeSignatureDoesNotMatch       = "SignatureDoesNotMatch"
	CodeAccessKeyNotFound           = "InvalidAccessKeyId.NotFound"
	CodeIncompleteSignature         = "IncompleteSignature"
	CodeTimestampExpired            = "InvalidTimeStamp.Expired"
	CodeSignatureNonceUsed          = "SignatureNonceUsed"
	CodeSecurityTokenInvalid        = "InvalidSecurityToken.Malformed"
	CodeSecurityTokenMissing        = "MissingSecurityToken"
	CodeTimestampFormat             = "InvalidTimeStamp.Format"
	CodeInvalidVersion              = "InvalidVersion"
	CodeUnsupportedHTTPMethod       = "UnsupportedHTTPMethod"
	CodeInvalidName                 = "InvalidName"
	CodeInvalidDescription          = "InvalidDescription"
	CodeDryRunOperation             = "DryRunOperation"
)

// Error codes of the tag actions (TagResources, UnTagResources, ListTagResources), as the VPC API
// reference lists them for its tag actions.
const (
	CodeInvalidTagKey               = "InvalidTagKey"
	CodeInvalidTagValue             = "InvalidTagValue"
	CodeInstanceTypeNotFound        = "InvalidInstanceType.NotFound"
	CodeInstanceIDsNotFound         = "InvalidInstanceIds.NotFound"
	CodeTagKeyDuplicated            = "Forbidden.TagKey.Duplicated"
	CodeTagQuotaExceeded            = "QuotaExceeded.TagNum"
	CodeTagSizeLimitExceeded        = "SizeLimitExceeded.TagNum"
	CodeResourceIDSizeLimitExceeded = "SizeLimitExceeded.ResourceId"
	CodeBothEmptyTagsAndResources   = "BothEmpty.TagsAndResources"
)

// Error codes of MoveVpnResourceGroup, and of CreateVpnGateway for a resource group that does not
// exist.
const (
	CodeInstanceIDNotFound     = "InvalidInstanceId.NotFound"
	CodeInvalidResourceGroupID = "InvalidResourceGroupId"
	CodeIllegalResourceType    = "IllegalParam.ResourceType"
)

// VPN types (VpnType) accepted by CreateVpnGateway; Normal is the default.
const (
	VpnTypeNormal           = "Normal"
	VpnTypeNationalStandard = "NationalStandard"
)

// Limits of the tag API (TagResources): per resource at most MaxTags tags, keys of 1 to
// TagKeyMaxLength characters, values of 0 to TagValueMaxLength.
const (
	MaxTags           = 20
	TagKeyMaxLength   = 128
	TagValueMaxLength = 128
)

// ReservedTagPrefixes start the keys the cloud's own services set, in lower case; the tag API
// refuses them from users in keys and values, and a read leaves such keys out, so that a system tag
// never shows as drift nor is untagged.
var ReservedTagPrefixes = []string{"aliyun", "acs:"}

// TagURLSchemes may appear nowhere in a tag's key or value.
var TagURLSchemes = []string{"http://", "https://"}

// ClientTokenMaxLength is the longest ClientToken the API accepts (ASCII characters).
const ClientTokenMaxLength = 64

// MaxPageSize is the largest PageSize the Describe* list actions (DescribeVpnGateways,
// DescribeVpcs, DescribeVSwitches) accept: one request reads at most this many items.
const MaxPageSize = 50

// Regions are the region IDs of Alibaba Cloud's public regions in which VPN Gateway is sold.
var Regions = []string{
	"cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu",
	"cn-hangzhou", "cn-shanghai", "cn-nanjing", "cn-fuzhou", "cn-shenzhen", "cn-heyuan",
	"cn-guangzhou", "cn-chengdu", "cn-hongkong", "ap-southeast-1", "ap-southeast-3",
	"ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ap-northeast-1", "ap-northeast-2",
	"ap-south-1", "us-east-1", "us-west-1", "eu-west-1", "eu-central-1", "me-east-1",
	"me-central-1",
}
