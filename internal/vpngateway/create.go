package vpngateway

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpngw/terraform-provider-alicloud/internal/journal"
	"github.com/vpngw/terraform-provider-alicloud/internal/providerdata"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// createAnswerBound is how long a CreateVpnGateway already under way is seen through after the
// apply was interrupted or its create timeout ran out: as long as the client waits for one answer
// (vpcclient.AnswerTimeout), so that the request in flight can always finish, retried with its
// ClientToken. Terraform waits for the provider after the first Ctrl-C; a gateway the API created
// is then in state, not paid for and unknown.
var createAnswerBound = vpcclient.AnswerTimeout

// seeThrough is ctx without its end: it keeps ctx's values and ends bound after ctx ends (its
// deadline, a cancellation), or when the returned function is called.
func seeThrough(ctx context.Context, bound time.Duration) (context.Context, context.CancelFunc) {
	detached := context.WithoutCancel(ctx)
	cancelDeadline := context.CancelFunc(func() {})
	if deadline, ok := ctx.Deadline(); ok {
		detached, cancelDeadline = context.WithDeadline(detached, deadline.Add(bound))
	}
	detached, cancel := context.WithCancel(detached)
	go func() {
		select {
		case <-ctx.Done():
		case <-detached.Done():
			return
		}
		t := time.NewTimer(bound)
		defer t.Stop()
		select {
		case <-t.C:
			cancel()
		case <-detached.Done():
		}
	}()
	return detached, func() {
		cancel()
		cancelDeadline()
	}
}

// adoptLag is how long after its create a gateway named by the journal may still be unknown to
// DescribeVpnGateway (read-after-write lag): within it, a gateway not found is asked for again by
// its request and ClientToken, which the API answers with the gateway if it made one. An older
// gateway that the API does not find is gone.
var adoptLag = time.Minute

// launched is the gateway a create starts from: the API's answer, and whether it is adopted.
type launched struct {
	out     *vpc.CreateVpnGatewayResponseBody
	adopted bool // an ended process's create, finished here
}

// launch creates the gateway of req, unless the journal holds the same create from a process that
// ended before Create returned: then it adopts the gateway the entry names, or sends the request
// again with the entry's ClientToken, which the API answers with the gateway the first one created.
// key is req's journal key; req's ClientToken is set here.
func launch(ctx context.Context, client *vpcclient.Client, j *journal.Journal, key string, req *vpc.CreateVpnGatewayRequest) (launched, error) {
	for e := j.Claim(key); e != nil; e = j.Claim(key) {
		tflog.Info(ctx, "finishing a create an earlier provider process left in the journal", map[string]interface{}{
			"journal": j.Dir(), "vpn_gateway_id": e.ID, "client_token": e.Token})
		if e.ID == "" {
			req.ClientToken = dara.String(e.Token)
			return send(ctx, client, req, e)
		}
		gw, err := findVpnGatewayByID(ctx, client, e.ID)
		switch {
		case errors.Is(err, vpcclient.ErrVpnGatewayNotFound) && time.Since(e.Started) < adoptLag:
			// Not shown yet, or not there: the request again with its ClientToken tells.
			req.ClientToken = dara.String(e.Token)
			return send(ctx, client, req, e)
		case err == nil && dara.StringValue(gw.Status) != vpcapi.StatusDeleting:
			out := &vpc.CreateVpnGatewayResponseBody{VpnGatewayId: dara.String(e.ID)}
			if order, err := strconv.ParseInt(e.OrderID, 10, 64); err == nil {
				out.OrderId = dara.Int64(order)
			}
			return launched{out: out, adopted: true}, nil
		case err == nil, errors.Is(err, vpcclient.ErrVpnGatewayNotFound):
			_ = e.Done()
		default:
			_ = e.Release()
			return launched{}, fmt.Errorf("reading VPN Gateway %s, which an earlier apply created and did not record "+
				"(journal %s), to adopt it: %w", e.ID, j.Dir(), err)
		}
	}
	token := vpcclient.NewClientToken()
	req.ClientToken = dara.String(token)
	e, err := j.Begin(key, token)
	if err != nil {
		// Without its entry the create still runs, as it would without a journal.
		tflog.Warn(ctx, "creating without the journal of creates in flight", map[string]interface{}{"error": err.Error()})
	}
	return send(ctx, client, req, e)
}

// send sends req and keeps e up to date: the gateway's ID once the API answers, kept until a state
// is seen to hold it; removed when the API refused the request; released for a later apply when no
// answer settled it.
func send(ctx context.Context, client *vpcclient.Client, req *vpc.CreateVpnGatewayRequest, e *journal.Entry) (launched, error) {
	ctx = tflog.SetField(ctx, "client_token", dara.StringValue(req.ClientToken))
	out, err := createVpnGateway(ctx, client, req, e != nil)
	switch {
	case err == nil:
		order := ""
		if out.OrderId != nil {
			order = strconv.FormatInt(*out.OrderId, 10)
		}
		if err := e.Created(dara.StringValue(out.VpnGatewayId), order); err != nil {
			tflog.Warn(ctx, "recording the new gateway in the journal of creates in flight", map[string]interface{}{"error": err.Error()})
		}
		return launched{out: out}, nil
	case refusedForGood(err):
		_ = e.Done()
	default:
		_ = e.Release()
	}
	return launched{}, err
}

// createVpnGateway sends the one CreateVpnGateway of a create and sees it through to its answer,
// even when ctx ends while it is under way (see createAnswerBound). Nothing is sent once ctx has
// ended. An error says whether a gateway may exist that no state holds.
func createVpnGateway(ctx context.Context, client *vpcclient.Client, req *vpc.CreateVpnGatewayRequest, journaled bool) (*vpc.CreateVpnGatewayResponseBody, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("CreateVpnGateway was not sent: %w", err)
	}
	sendCtx, cancel := seeThrough(ctx, createAnswerBound)
	defer cancel()
	out, err := client.CreateVpnGateway(sendCtx, req)
	switch {
	case err == nil && dara.StringValue(out.VpnGatewayId) == "":
		return nil, errors.New("CreateVpnGateway answered without a gateway ID")
	case err == nil:
		return out, nil
	case refusedForGood(err):
		return nil, err
	}
	return nil, errors.New(providerdata.ErrorDetail(err) + "\n\n" + mayExist(req, journaled))
}

// refusedForGood tells an answer that the API did not act on (a 4xx answer, final; an endpoint
// that never answered and cannot be the API) from an error after which a gateway may exist: no
// answer, a server error, or retries cut short.
func refusedForGood(err error) bool {
	var (
		apiErr      *vpcclient.APIError
		endpointErr *vpcclient.EndpointError
	)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	return errors.As(err, &apiErr) && apiErr.HTTPStatus < 500 || errors.As(err, &endpointErr)
}

// mayExist says what to do about a gateway that CreateVpnGateway may have created without telling.
// With the journal (journaled), the next apply in this working directory sends the request again
// with its ClientToken, and so finishes the create instead of repeating it.
func mayExist(req *vpc.CreateVpnGatewayRequest, journaled bool) string {
	token, vpcID := dara.StringValue(req.ClientToken), dara.StringValue(req.VpcId)
	find := fmt.Sprintf("DescribeVpnGateways of VPC %s in %s", vpcID, dara.StringValue(req.RegionId))
	what := "a VPN Gateway"
	if name := dara.StringValue(req.Name); name != "" {
		what = fmt.Sprintf("a VPN Gateway named %q", name)
	}
	head := fmt.Sprintf("No answer settled CreateVpnGateway, though the provider waited for one up to %s past the "+
		"create's timeout or interrupt, so %s may exist in VPC %s that this state does not hold (the request's "+
		"ClientToken was %s; find it in the console or with %s).", createAnswerBound, what, vpcID, token, find)
	switch {
	case journaled:
		return head + " The provider keeps this request in its journal of creates in flight, in this working " +
			"directory's .terraform folder: the next apply here sends it again with the same ClientToken, which the " +
			"API answers with the gateway it created, if any, instead of creating a second one."
	case req.Name != nil && *req.Name != "":
		return head + " The next plan checks the VPC for a gateway of that name and, if it finds one, warns with its " +
			"ID and the terraform import to run instead of creating a second gateway."
	}
	return head + " This gateway has no name, so the next plan cannot find it by name: it warns about gateways of " +
		"the VPC that no state holds and that were created without a name in the last hour, but if you apply " +
		"without importing the one created here (terraform import <resource address> <id>), a second gateway is " +
		"created and both are paid for."
}

// failCreated reports a failure after the gateway exists and is in state. Terraform marks a
// resource whose create returns an error tainted and replaces it on the next apply, so the error
// says how to keep the gateway instead. A subscription (PREPAY) gateway is never replaced for
// this: its failure is a warning, and it stays in state untainted for the next apply to finish.
func failCreated(m *Model, resp *resource.CreateResponse, summary, detail string) {
	id := m.ID.ValueString()
	if m.InstanceChargeType.ValueString() == vpcapi.ChargeTypePrepay {
		resp.Diagnostics.AddWarning(summary, detail+"\n\n"+fmt.Sprintf("VPN Gateway %s exists and is in state. It is a "+
			"subscription (PREPAY), so it is not marked tainted: the next apply refreshes it and finishes what this one "+
			"could not, without replacing it.", id))
		return
	}
	resp.Diagnostics.AddError(summary, detail+"\n\n"+fmt.Sprintf("VPN Gateway %s exists and is in state, but its create "+
		"did not finish, so Terraform marks it tainted: the next apply deletes it and creates a new one. To keep it "+
		"instead, run terraform untaint with this resource's address (Terraform shows the address with this error) "+
		"before the next apply, which then finishes what this one could not.", id))
}
