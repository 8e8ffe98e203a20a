package provider

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/reliability"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpngateway"
)

// The helpers of the reliability suite (internal/reliability): its acceptance tests are the
// reliability_*_test.go files. Each starts its own simulator, so they run in parallel.

// gatewaysConfig is count gateways "test" named name-<index>, with extra arguments.
func (e *accEnv) gatewaysConfig(count int, name, args string) string {
	return e.config(fmt.Sprintf(`resource "alicloud_vpn_gateway" "test" {
  count     = %d
  vpc_id    = %q
  bandwidth = 10
  name      = "%s-${count.index}"
%s
}
`, count, e.vpcID, name, args))
}

// stateGatewayIDs is every alicloud_vpn_gateway ID in s, sorted.
func stateGatewayIDs(s *terraform.State) []string {
	var ids []string
	for _, rs := range s.RootModule().Resources {
		if rs.Type == "alicloud_vpn_gateway" && rs.Primary != nil {
			ids = append(ids, rs.Primary.ID)
		}
	}
	sort.Strings(ids)
	return ids
}

// simGatewayIDs is the ID of every gateway the simulator holds (deleting ones included), sorted.
func (e *accEnv) simGatewayIDs() []string {
	var ids []string
	for _, g := range e.sim.Gateways() {
		ids = append(ids, g.VpnGatewayID)
	}
	sort.Strings(ids)
	return ids
}

// checkSimMatchesState is the suite's core check: Terraform's state and the simulator hold exactly
// the same want gateways. A gateway only in the simulator is an orphan (paid for, unmanaged); one
// only in state was dropped by the API while Terraform still believes in it; more than want means
// something was created twice.
func (e *accEnv) checkSimMatchesState(want int) func(*terraform.State) error {
	return func(s *terraform.State) error {
		inState, inSim := stateGatewayIDs(s), e.simGatewayIDs()
		if !slices.Equal(inState, inSim) {
			return fmt.Errorf("state holds %d gateways %v, vpcsim holds %d %v", len(inState), inState, len(inSim), inSim)
		}
		if len(inSim) != want {
			return fmt.Errorf("vpcsim holds %d gateways, want exactly %d", len(inSim), want)
		}
		return nil
	}
}

// statuses is the simulator's count of answers to action by HTTP status ("200", "400",
// "dropped"...).
func (e *accEnv) statuses(action string) map[string]int {
	return maps.Clone(e.sim.Stats().Requests[action])
}

// checkStatuses requires the simulator's answers to action to be exactly want: a retry that was
// not a replay of the same ClientToken shows up as an extra answer.
func (e *accEnv) checkStatuses(action string, want map[string]int) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := e.statuses(action); !maps.Equal(got, want) {
			return fmt.Errorf("vpcsim answered %s %s, want exactly %s", action, fmtCounts(got), fmtCounts(want))
		}
		return nil
	}
}

// fmtCounts renders counts in a stable order: {200:10 dropped:10}.
func fmtCounts(m map[string]int) string {
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ":" + strconv.Itoa(m[k])
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// total is the sum of counts.
func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// dropGuard watches every destroy the provider reports done and checks, at that very moment,
// that the simulator no longer has the gateway: a provider that takes a busy answer for "gone"
// (the official provider's IncorrectStatus.VpnGateway defect) is caught even if the gateway
// disappears later.
type dropGuard struct {
	e *accEnv

	mu         sync.Mutex
	destroys   int
	violations []string
}

// factories serves the provider (with the diagnostics recorder of acc_test.go) behind the guard.
func (g *dropGuard) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	inner := g.e.factories()["alicloud"]
	return map[string]func() (tfprotov6.ProviderServer, error){
		"alicloud": func() (tfprotov6.ProviderServer, error) {
			s, err := inner()
			if err != nil {
				return nil, err
			}
			return &guardedServer{ProviderServer: s, guard: g}, nil
		},
	}
}

// check fails t for every gateway that left state while the simulator still had it. Call it at
// the end of the test.
func (g *dropGuard) check(t *testing.T) {
	t.Helper()
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, v := range g.violations {
		t.Error(v)
	}
}

// figures are the guard's counts for the report.
func (g *dropGuard) figures() []reliability.Figure {
	g.mu.Lock()
	defer g.mu.Unlock()
	return []reliability.Figure{
		{Name: "destroys checked against vpcsim when the provider reported them done", Value: strconv.Itoa(g.destroys)},
		{Name: "gateways dropped from state while vpcsim still had them", Value: strconv.Itoa(len(g.violations))},
	}
}

type guardedServer struct {
	tfprotov6.ProviderServer
	guard *dropGuard
}

func (s *guardedServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if err != nil || resp == nil || req.TypeName != "alicloud_vpn_gateway" || !isNull(req.PlannedState) {
		return resp, err
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return resp, err // a failed destroy keeps the gateway in state
		}
	}
	if !isNull(resp.NewState) {
		return resp, err
	}
	id := stateID(req.PriorState)
	g := s.guard
	g.mu.Lock()
	defer g.mu.Unlock()
	g.destroys++
	if gw, ok := g.e.gateway(id); ok {
		g.violations = append(g.violations, fmt.Sprintf("gateway %s left state while vpcsim still had it (status %s)", id, gw.Status))
	}
	return resp, err
}

var gatewayType = vpngateway.Schema(context.Background()).Type().TerraformType(context.Background())

// isNull reports whether a state is absent (the planned state of a destroy, the new state of a
// finished one).
func isNull(v *tfprotov6.DynamicValue) bool {
	if v == nil {
		return true
	}
	val, err := v.Unmarshal(gatewayType)
	return err == nil && val.IsNull()
}

// stateID is the id attribute of a gateway's state, or "" if it has none.
func stateID(v *tfprotov6.DynamicValue) string {
	if v == nil {
		return ""
	}
	val, err := v.Unmarshal(gatewayType)
	if err != nil || val.IsNull() {
		return ""
	}
	var attrs map[string]tftypes.Value
	if err := val.As(&attrs); err != nil {
		return ""
	}
	var id string
	_ = attrs["id"].As(&id) // an unknown or null id stays ""
	return id
}

// interpose puts h between the provider and the simulator: the provider's endpoint becomes a
// server of h's, which passes on to e.sim what it does not answer itself.
func (e *accEnv) interpose(t *testing.T, h http.Handler) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	e.endpoint = strings.TrimPrefix(srv.URL, "http://")
}

// apiParams reads an API request's action and parameters (query string and form body) and leaves
// the body in place for the simulator, whose signature check covers it.
func apiParams(r *http.Request) (action string, params url.Values) {
	params, _ = url.ParseQuery(r.URL.RawQuery)
	if r.Body != nil {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if form, err := url.ParseQuery(string(body)); err == nil {
			for k, v := range form {
				params[k] = append(params[k], v...)
			}
		}
	}
	action = r.Header.Get("x-acs-action")
	if action == "" {
		action = params.Get("Action")
	}
	return action, params
}

// answerLoser makes the API lose the first successful answer to one action for each gateway: the
// simulator performs the request, then the connection closes without a byte, as when a network
// path fails on the way back. The client cannot tell whether the action happened; only a retry
// with the same ClientToken is safe. A gateway is known by its ID, or before it has one by the
// name its create asks for; losing one answer per gateway (not per ClientToken) lets a client that
// retries under a new token act twice, visibly, instead of losing answers until it gives up.
type answerLoser struct {
	next http.Handler

	mu     sync.Mutex
	action string
	lost   map[string]bool // action/gateway whose answer was lost
}

func newAnswerLoser(next http.Handler) *answerLoser {
	return &answerLoser{next: next, lost: map[string]bool{}}
}

// loseFirstAnswersOf switches the losses to action ("" for none).
func (l *answerLoser) loseFirstAnswersOf(action string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.action = action
}

// lostAnswers is how many answers to action were lost.
func (l *answerLoser) lostAnswers(action string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for k := range l.lost {
		if strings.HasPrefix(k, action+"/") {
			n++
		}
	}
	return n
}

func (l *answerLoser) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	action, params := apiParams(r)
	gateway := params.Get("VpnGatewayId")
	if gateway == "" {
		gateway = "named " + params.Get("Name")
	}
	key := action + "/" + gateway
	l.mu.Lock()
	lose := action != "" && action == l.action && !l.lost[key]
	l.mu.Unlock()
	if !lose {
		l.next.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	l.next.ServeHTTP(rec, r)
	if rec.Code != http.StatusOK {
		// It did not take effect: nothing is lost, the client sees the failure.
		maps.Copy(w.Header(), rec.Header())
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
		return
	}
	l.mu.Lock()
	l.lost[key] = true
	l.mu.Unlock()
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close() // the point is to leave the client without an answer
}
