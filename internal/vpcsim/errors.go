package vpcsim

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

// apiError is an error the API answers with: an Alibaba Cloud error code, its HTTP status and a
// message. The statuses and the fixed messages are the ones the API reference and the error
// center list for each code.
type apiError struct {
	status  int
	code    string
	message string
}

// errorBody is the JSON every error answer carries.
type errorBody struct {
	RequestID string `json:"RequestId"`
	HostID    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

func newAPIError(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

func errMissingParameter(name string) *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeMissingParameter,
		"The input parameter %q that is mandatory for processing this request is not supplied.", name)
}

// errInvalidParameter names the parameter and says what was expected, so that a client bug is
// found from the message alone.
func errInvalidParameter(name, format string, args ...any) *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeInvalidParameter,
		"The specified parameter %q is not valid: %s", name, fmt.Sprintf(format, args...))
}

func errRegionNotFound() *apiError {
	return newAPIError(http.StatusNotFound, vpcapi.CodeRegionNotFound, "The specified RegionId does not exist in our records.")
}

func errVpcNotFound() *apiError {
	return newAPIError(http.StatusNotFound, vpcapi.CodeVpcNotFound, "Specified VPC does not exist.")
}

func errVSwitchNotFound() *apiError {
	return newAPIError(http.StatusNotFound, vpcapi.CodeVSwitchNotFound, "The specified virtual switch does not exist.")
}

func errGatewayNotFound() *apiError {
	return newAPIError(http.StatusNotFound, vpcapi.CodeVpnGatewayNotFound, "The specified vpn gateway instance id does not exist.")
}

func errConfiguring() *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeVpnGatewayConfiguring, "The specified service is configuring.")
}

func errIncorrectStatus(status string) *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeIncorrectStatus,
		"The VPN gateway is %s and its status does not allow this operation.", status)
}

func errForbiddenRelease() *apiError {
	return newAPIError(http.StatusForbidden, vpcapi.CodeForbiddenRelease, "Forbidden to release a prepaid instance within validity period")
}

func errQuotaFull() *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeQuotaFull, "The quota of resource is full")
}

func errIdempotentMismatch() *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeIdempotentParameterMismatch,
		"Request uses a client token in a previous request but is not identical to that request.")
}

func errActionNotFound() *apiError {
	return newAPIError(http.StatusNotFound, vpcapi.CodeActionNotFound, "Specified api is not found, please check your url and method.")
}

func errThrottled() *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeThrottlingUser, "Request was denied due to user flow control.")
}

func errInternal() *apiError {
	return newAPIError(http.StatusInternalServerError, vpcapi.CodeInternalError,
		"The request processing has failed due to some unknown error, exception or failure.")
}

func errUnavailable() *apiError {
	return newAPIError(http.StatusServiceUnavailable, vpcapi.CodeServiceUnavailable,
		"The request has failed due to a temporary failure of the server.")
}

func errInvalidName() *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeInvalidName,
		"The name is not valid: it must be %d to %d characters, start with a letter and contain only letters, digits, periods (.), underscores (_) and hyphens (-).",
		nameMinLength, nameMaxLength)
}

func errInvalidDescription() *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeInvalidDescription,
		"The description is not valid: it must be %d to %d characters, start with a letter and not start with http:// or https://.",
		descriptionMinLength, descriptionMaxLength)
}

// fromSignature is a signature check's refusal as the API answers it, parameter errors worded as
// every other one.
func fromSignature(e *signature.Error) *apiError {
	switch e.Code {
	case vpcapi.CodeMissingParameter:
		return errMissingParameter(e.Param)
	case vpcapi.CodeInvalidParameter:
		return errInvalidParameter(e.Param, "%s", e.Message)
	}
	return newAPIError(e.Status, e.Code, "%s", e.Message)
}

// fromTagging is a tag rule's refusal as the API answers it.
func fromTagging(e *tagging.Error) *apiError {
	return newAPIError(e.Status, e.Code, "%s", e.Message)
}

func errInstanceIDsNotFound(ids []string) *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeInstanceIDsNotFound,
		"The instanceIds are not found: %v are not VPN gateways in this region (vpcsim keeps tags of VPN gateways only).", ids)
}

func errBothEmpty() *apiError {
	return newAPIError(http.StatusForbidden, vpcapi.CodeBothEmptyTagsAndResources,
		"The specified Tags and ResourcesIds are not allow to both empty: give ResourceId.N, Tag.N, or both.")
}

func errInstanceIDNotFound(id, resourceType string) *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeInstanceIDNotFound,
		"InstanceId is not found: no %s %q in this region.", resourceType, id)
}

func errResourceGroupNotFound(id string) *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeInvalidResourceGroupID,
		"The specified ResourceGroupId does not exist: %q is not a resource group of this account.", id)
}

func errIllegalResourceType(t string, want []string) *apiError {
	return newAPIError(http.StatusBadRequest, vpcapi.CodeIllegalResourceType,
		"Invalid ResourceType: %q is not one of %v (in any case).", t, want)
}

// faultError is the answer an injected fault gives for code, one of faultCodes.
func faultError(code string) *apiError {
	switch code {
	case vpcapi.CodeServiceUnavailable:
		return errUnavailable()
	case vpcapi.CodeThrottlingUser:
		return errThrottled()
	default:
		return errInternal()
	}
}

// newRequestID returns a random UUID (version 4) in the upper-case form the real API uses.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := strings.ToUpper(hex.EncodeToString(b[:]))
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func recommendURL(code, requestID string) string {
	return "https://api.aliyun.com/troubleshoot?q=" + code + "&product=Vpc&requestId=" + requestID
}
