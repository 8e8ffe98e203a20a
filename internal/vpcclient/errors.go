package vpcclient

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// APIError is an error answer of the VPC API: what the endpoint said, and which request it said it
// about. The RequestId is what Alibaba Cloud support asks for.
type APIError struct {
	Action     string
	Code       string
	Message    string
	RequestID  string
	HTTPStatus int
	// RetryAfter is the wait a throttling answer asked for: the TimeLeft of its x-ratelimit-user-api
	// or x-ratelimit-user header, as darabonba-openapi v2.1 reads it (the newer x-acs-retry-after,
	// which the endpoint sends beside them, it does not read); zero when it named none.
	RetryAfter time.Duration
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s answered HTTP %d %s: %s (RequestId: %s)", e.Action, e.HTTPStatus, e.Code, e.Message, e.RequestID)
}

// Is makes errors.Is(err, ErrVpnGatewayNotFound) true for the API's not-found answer, so that every
// caller tells "gone" from "failed" the same way.
func (e *APIError) Is(target error) bool {
	return target == ErrVpnGatewayNotFound && e.Code == vpcapi.CodeVpnGatewayNotFound
}

// ErrVpnGatewayNotFound matches (errors.Is) the API's InvalidVpnGatewayInstanceId.NotFound answer.
var ErrVpnGatewayNotFound = errors.New("VPN gateway not found")

// ErrNoCredentials is wrapped by New when no credential source yields a key.
var ErrNoCredentials = errors.New("no usable Alibaba Cloud credentials")

// Code returns the API error code in err's chain, or "" when err is not an API answer (a transport
// failure, a cancelled context).
func Code(err error) string {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	return ""
}

// HasCode reports whether err carries one of codes.
func HasCode(err error, codes ...string) bool {
	c := Code(err)
	return c != "" && slices.Contains(codes, c)
}

// sdkError is what darabonba-openapi's ClientError, ServerError and ThrottlingError have in common.
type sdkError interface {
	GetCode() *string
	GetMessage() *string
	GetRequestId() *string
	GetStatusCode() *int
	GetData() map[string]interface{}
	GetRetryAfter() *int64
}

// asAPIError turns an SDK error answer into an *APIError; other errors (transport, decoding,
// cancellation) come back unchanged.
func asAPIError(action string, err error) error {
	var se sdkError
	if !errors.As(err, &se) {
		return err
	}
	apiErr := &APIError{Action: action}
	if v := se.GetCode(); v != nil {
		apiErr.Code = *v
	}
	if v := se.GetRequestId(); v != nil {
		apiErr.RequestID = *v
	}
	if v := se.GetStatusCode(); v != nil {
		apiErr.HTTPStatus = *v
	}
	if v := se.GetRetryAfter(); v != nil {
		apiErr.RetryAfter = time.Duration(*v) * time.Millisecond
	}
	// The SDK's own Message is decorated ("code: 400, ... request id: ..."); the API's words are in
	// the decoded body.
	if m, ok := se.GetData()["Message"].(string); ok {
		apiErr.Message = m
	} else if v := se.GetMessage(); v != nil {
		apiErr.Message = *v
	}
	return apiErr
}

// isThrottling reports whether code is one of the API's throttling answers (Throttling,
// Throttling.User, Throttling.Api, ...).
func isThrottling(code string) bool {
	return code == vpcapi.CodeThrottling || strings.HasPrefix(code, vpcapi.CodeThrottling+".")
}

// BusyCodes are the answers with which the API refuses to act on a gateway that is in the middle of
// another change; the same request succeeds once that change is over.
var BusyCodes = []string{
	vpcapi.CodeVpnGatewayConfiguring,
	vpcapi.CodeIncorrectStatus,
	vpcapi.CodeOperationConflict,
}

// Credential answers the reference leaves out but the endpoint gives: a disabled key, an expired STS
// token, a token issued for another key.
const (
	codeAccessKeyInactive    = "InvalidAccessKeyId.Inactive"
	codeSecurityTokenExpired = "InvalidSecurityToken.Expired"
	codeSecurityTokenKey     = "InvalidSecurityToken.MismatchWithAccessKey"
)

// CredentialCodes are the answers with which the API refuses a request for its credentials: the
// key, its secret, the signature made with them, or the STS token. No retry and no other request
// can succeed with the same credentials.
var CredentialCodes = []string{
	vpcapi.CodeSignatureDoesNotMatch,
	vpcapi.CodeAccessKeyNotFound,
	vpcapi.CodeIncompleteSignature,
	vpcapi.CodeSecurityTokenInvalid,
	vpcapi.CodeSecurityTokenMissing,
	codeAccessKeyInactive,
	codeSecurityTokenExpired,
	codeSecurityTokenKey,
}

// IsCredentialError reports whether err is the API's refusal of the credentials.
func IsCredentialError(err error) bool {
	return HasCode(err, CredentialCodes...)
}
