// Package vpcapi holds the names of the Alibaba Cloud VPC API (version 2016-04-28) that both the
// provider and vpcsim use: actions, status values, error codes, parameter values and regions.
//
// It holds names only, never rules: the provider's validators (internal/provider/rules.go) and
// vpcsim's request checks (internal/vpcsim/rules.go and dialect.go) are written apart from the
// seed and the public record, so that a misreading in one shows as a disagreement with the other
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
)

// VPN types (VpnType) accepted by CreateVpnGateway; Normal is the default.
const (
	VpnTypeNormal           = "Normal"
	VpnTypeNationalStandard = "NationalStandard"
)

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
