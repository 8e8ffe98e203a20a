package vpcclient

import (
	"context"
	"errors"
	"fmt"
	"time"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpngw/terraform-provider-alicloud/internal/redact"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// sdkRequest is what every generated request type has: a Validate method checking its tags.
type sdkRequest interface {
	Validate() error
}

// callOptions say how one action is retried.
type callOptions struct {
	// mutating actions must carry a ClientToken fixed by the caller for the whole logical
	// operation, so that a retry after a lost answer can never act twice.
	mutating bool
	// busy retries BusyCodes too.
	busy bool
}

// call sends action with req and decodes the answer's body into a new Resp. It builds the same
// parameters as the generated <Action>WithOptions method (RPC style, query parameters named by the
// request's json tags) but through CallApiWithCtx, which the generated client lacks, so that a
// cancelled context aborts the request in flight.
func call[Resp any](ctx context.Context, c *Client, action string, req sdkRequest, clientToken *string, opts callOptions) (*Resp, error) {
	resp, _, err := callRaw[Resp](ctx, c, action, req, clientToken, opts)
	return resp, err
}

// callRaw is call, and also returns the answer's body as decoded JSON, for the fields this SDK's
// structs do not carry.
func callRaw[Resp any](ctx context.Context, c *Client, action string, req sdkRequest, clientToken *string, opts callOptions) (*Resp, map[string]any, error) {
	if err := req.Validate(); err != nil {
		return nil, nil, fmt.Errorf("%s: invalid request: %w", action, err)
	}
	if opts.mutating && dara.StringValue(clientToken) == "" {
		return nil, nil, fmt.Errorf("%s: a mutating call needs a ClientToken fixed by its caller", action)
	}
	params := &openapiutil.Params{
		Action:      dara.String(action),
		Version:     dara.String(vpcapi.Version),
		Protocol:    dara.String(ProtocolHTTPS),
		Pathname:    dara.String("/"),
		Method:      dara.String("POST"),
		AuthType:    dara.String("AK"),
		Style:       dara.String("RPC"),
		ReqBodyType: dara.String("formData"),
		BodyType:    dara.String("json"),
	}
	// openapiutil.Query flattens the request by its json tags, exactly as the generated methods'
	// field-by-field copies do (nil fields are left out, lists become Name.N).
	oreq := &openapiutil.OpenApiRequest{Query: openapiutil.Query(req)}

	body, err := c.do(ctx, action, params, oreq, opts)
	if err != nil {
		return nil, nil, err
	}
	resp := new(Resp)
	if err := dara.Convert(body["body"], resp); err != nil {
		return nil, nil, fmt.Errorf("%s: decoding the answer: %w", action, err)
	}
	raw, _ := body["body"].(map[string]any)
	return resp, raw, nil
}

// do sends one request, retrying under the client's policy until it succeeds, fails for good, or
// ctx ends.
func (c *Client) do(ctx context.Context, action string, params *openapiutil.Params, req *openapiutil.OpenApiRequest, opts callOptions) (map[string]interface{}, error) {
	ctx, cancel := c.ctxWithBudget(ctx)
	defer cancel()
	ctx = tflog.SetField(redact.Log(ctx), "action", action)
	runtime := &dara.RuntimeOptions{}

	var (
		lastErr error
		// answerSince is when the first EndpointError came: the start of the AnswerBudget.
		answerSince time.Time
	)
	for attempt := 1; ; attempt++ {
		if err := c.limiter.wait(ctx, action); err != nil {
			return nil, giveUp(action, attempt-1, err, lastErr)
		}
		start := time.Now()
		tflog.Debug(ctx, "VPC API request", map[string]interface{}{"attempt": attempt})
		// A copy per attempt: the SDK's RPC path writes to its client (GetRpcHeaders clears a
		// one-shot header map), which would race between concurrent calls on a shared client.
		sdk := *c.sdk
		body, err := sdk.CallApiWithCtx(ctx, params, req, runtime)
		elapsed := time.Since(start).Milliseconds()
		if err == nil {
			c.answered.Store(true)
			tflog.Debug(ctx, "VPC API answer", map[string]interface{}{
				"attempt":     attempt,
				"request_id":  requestID(body),
				"duration_ms": elapsed,
			})
			return body, nil
		}
		err = asAPIError(action, err)
		fields := map[string]interface{}{"attempt": attempt, "duration_ms": elapsed, "error": err.Error()}
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			c.answered.Store(true)
			fields["code"] = apiErr.Code
			fields["request_id"] = apiErr.RequestID
			fields["http_status"] = apiErr.HTTPStatus
		}
		if ctx.Err() != nil {
			return nil, giveUp(action, attempt, ctx.Err(), lastErrOr(lastErr, err))
		}
		err = classifyTransport(err, c.endpoint, c.shared.cfg.Protocol, c.answered.Load())
		if !retryable(err, opts.busy) {
			tflog.Debug(ctx, "VPC API error", fields)
			return nil, err
		}
		var endpointErr *EndpointError
		switch {
		case apiErr != nil:
			answerSince = time.Time{}
		case errors.As(err, &endpointErr):
			if answerSince.IsZero() {
				answerSince = start
			}
			if time.Since(answerSince) >= c.shared.retry.AnswerBudget {
				tflog.Warn(ctx, "VPC API endpoint keeps failing the same way, not retrying", fields)
				return nil, fmt.Errorf("%s: gave up after %d attempts in %s: %w", action, attempt,
					time.Since(answerSince).Round(100*time.Millisecond), err)
			}
		}
		lastErr = err
		var retryAfter time.Duration
		if apiErr != nil {
			retryAfter = apiErr.RetryAfter
		}
		d := c.shared.retry.delay(attempt, retryAfter)
		if endpointErr != nil {
			// The last attempt of the budget comes at its end, not a long backoff after it.
			d = min(d, c.shared.retry.AnswerBudget-time.Since(answerSince))
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
			// Waiting would outlast the operation's timeout: the last answer is the honest one.
			tflog.Warn(ctx, "VPC API error, no time left to retry", fields)
			return nil, giveUp(action, attempt, context.DeadlineExceeded, lastErr)
		}
		fields["retry_in_ms"] = d.Milliseconds()
		tflog.Warn(ctx, "VPC API error, retrying", fields)
		if err := sleep(ctx, d); err != nil {
			return nil, giveUp(action, attempt, err, lastErr)
		}
	}
}

func lastErrOr(last, current error) error {
	if current != nil && !errors.Is(current, context.Canceled) && !errors.Is(current, context.DeadlineExceeded) {
		return current
	}
	return last
}

// giveUp reports the end of the retries: why they ended (the context), and what the API last said,
// both reachable with errors.Is / errors.As.
func giveUp(action string, attempts int, why, last error) error {
	if last == nil {
		return fmt.Errorf("%s: %w", action, why)
	}
	return fmt.Errorf("%s: gave up after %d attempts (%w); last error: %w", action, attempts, why, last)
}

// requestID is the RequestId of a successful answer, for the logs.
func requestID(body map[string]interface{}) string {
	if b, ok := body["body"].(map[string]interface{}); ok {
		if id, ok := b["RequestId"].(string); ok {
			return id
		}
	}
	return ""
}
