// Package apierr holds the errors vpcsim answers with: each Alibaba Cloud error code, its HTTP
// status and its message, the JSON body they travel in, and the request IDs that name an answer.
package apierr

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/signature"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// Error is an error the API answers with: an Alibaba Cloud error code, its HTTP status and a
// message. The statuses and the fixed messages are the ones the API reference and the error
// center list for each code.
type Error struct {
	Status  int
	Code    string
	Message string
}

// Body is the JSON every error answer carries.
type Body struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

// New is an error answer with a message of its own.
func New(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

func MissingParameter(name string) *Error {
	return New(http.StatusBadRequest, vpcapi.CodeMissingParameter,
		"The input parameter %q that is mandatory for processing this request is not supplied.", name)
}

// InvalidParameter names the parameter and says what was expected, so that a client bug is
// found from the message alone.
func InvalidParameter(name, format string, args ...any) *Error {
	return New(http.StatusBadRequest, vpcapi.CodeInvalidParameter,
		"The specified parameter %q is not valid: %s", name, fmt.Sprintf(format, args...))
}

func RegionNotFound() *Error {
	return New(http.StatusNotFound, vpcapi.CodeRegionNotFound, "The specified RegionId does not exist in our records.")
}

func VpcNotFound() *Error {
	return New(http.StatusNotFound, vpcapi.CodeVpcNotFound, "Specified VPC does not exist.")
}

func VSwitchNotFound() *Error {
	return New(http.StatusNotFound, vpcapi.CodeVSwitchNotFound, "The specified virtual switch does not exist.")
}

func GatewayNotFound() *Error {
	return New(http.StatusNotFound, vpcapi.CodeVpnGatewayNotFound, "The specified vpn gateway instance id does not exist.")
}

func Configuring() *Error {
	return New(http.StatusBadRequest, vpcapi.CodeVpnGatewayConfiguring, "The specified service is configuring.")
}

func IncorrectStatus(status string) *Error {
	return New(http.StatusBadRequest, vpcapi.CodeIncorrectStatus,
		"The VPN gateway is %s and its status does not allow this operation.", status)
}

// OperationConflict is the VPC API's refusal of a request that collides with another one in
// progress on the same resource. The reference's message misspells "previous"; no client should
// read messages, so vpcsim spells it right.
func OperationConflict() *Error {
	return New(http.StatusConflict, vpcapi.CodeOperationConflict, "Request was denied due to conflict with a previous request.")
}

func ForbiddenRelease() *Error {
	return New(http.StatusForbidden, vpcapi.CodeForbiddenRelease, "Forbidden to release a prepaid instance within validity period")
}

func QuotaFull() *Error {
	return New(http.StatusBadRequest, vpcapi.CodeQuotaFull, "The quota of resource is full")
}

func IdempotentMismatch() *Error {
	return New(http.StatusBadRequest, vpcapi.CodeIdempotentParameterMismatch,
		"Request uses a client token in a previous request but is not identical to that request.")
}

func ActionNotFound() *Error {
	return New(http.StatusNotFound, vpcapi.CodeActionNotFound, "Specified api is not found, please check your url and method.")
}

func Throttled() *Error {
	return New(http.StatusBadRequest, vpcapi.CodeThrottlingUser, "Request was denied due to user flow control.")
}

func Internal() *Error {
	return New(http.StatusInternalServerError, vpcapi.CodeInternalError,
		"The request processing has failed due to some unknown error, exception or failure.")
}

func Unavailable() *Error {
	return New(http.StatusServiceUnavailable, vpcapi.CodeServiceUnavailable,
		"The request has failed due to a temporary failure of the server.")
}

// FromSignature is a signature check's refusal as the API answers it, parameter errors worded as
// every other one.
func FromSignature(e *signature.Error) *Error {
	switch e.Code {
	case vpcapi.CodeMissingParameter:
		return MissingParameter(e.Param)
	case vpcapi.CodeInvalidParameter:
		return InvalidParameter(e.Param, "%s", e.Message)
	}
	return New(e.Status, e.Code, "%s", e.Message)
}

// FromTagging is a tag rule's refusal as the API answers it.
func FromTagging(e *tagging.Error) *Error {
	return New(e.Status, e.Code, "%s", e.Message)
}

func InstanceIDsNotFound(ids []string) *Error {
	return New(http.StatusBadRequest, vpcapi.CodeInstanceIDsNotFound,
		"The instanceIds are not found: %v are not VPN gateways in this region (vpcsim keeps tags of VPN gateways only).", ids)
}

func BothEmpty() *Error {
	return New(http.StatusForbidden, vpcapi.CodeBothEmptyTagsAndResources,
		"The specified Tags and ResourcesIds are not allow to both empty: give ResourceId.N, Tag.N, or both.")
}

func InstanceIDNotFound(id, resourceType string) *Error {
	return New(http.StatusBadRequest, vpcapi.CodeInstanceIDNotFound,
		"InstanceId is not found: no %s %q in this region.", resourceType, id)
}

func ResourceGroupNotFound(id string) *Error {
	return New(http.StatusBadRequest, vpcapi.CodeInvalidResourceGroupID,
		"The specified ResourceGroupId does not exist: %q is not a resource group of this account.", id)
}

func IllegalResourceType(t string, want []string) *Error {
	return New(http.StatusBadRequest, vpcapi.CodeIllegalResourceType,
		"Invalid ResourceType: %q is not one of %v (in any case).", t, want)
}

// NewRequestID returns a random UUID (version 4) in the upper-case form the real API uses.
func NewRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := strings.ToUpper(hex.EncodeToString(b[:]))
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func RecommendURL(code, requestID string) string {
	return "https://api.aliyun.com/troubleshoot?q=" + code + "&product=Vpc&requestId=" + requestID
}
