package acctest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
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

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/reliability"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpngateway"
)

// The helpers of the reliability suite (internal/tooling/reliability): its acceptance tests are
// internal/vpngateway's reliability_*_test.go files. Each starts its own simulator, so they run in
// parallel.

// GatewaysConfig is count gateways "test" named name-<index>, with extra arguments.
func (e *Env) GatewaysConfig(count int, name, args string) string {
	return e.Config(e.GatewaysResource(count, name, args))
}

// GatewaysResource is gatewaysConfig's resource block, for a configuration with another provider
// block.
func (e *Env) GatewaysResource(count int, name, args string) string {
	return fmt.Sprintf(`resource "alicloud_vpn_gateway" "test" {
  count     = %d
  vpc_id    = %q
  bandwidth = 10
  name      = "%s-${count.index}"
%s
}
`, count, e.VpcID, name, args)
}

// StateGatewayIDs is every alicloud_vpn_gateway ID in s, sorted.
func StateGatewayIDs(s *terraform.State) []string {
	var ids []string
	for _, rs := range s.RootModule().Resources {
		if rs.Type == "alicloud_vpn_gateway" && rs.Primary != nil {
			ids = append(ids, rs.Primary.ID)
		}
	}
	sort.Strings(ids)
	return ids
}

// SimGatewayIDs is the ID of every gateway the simulator holds (deleting ones included), sorted.
func (e *Env) SimGatewayIDs() []string {
	var ids []string
	for _, g := range e.Sim.Gateways() {
		ids = append(ids, g.VpnGatewayID)
	}
	sort.Strings(ids)
	return ids
}

// CheckSimMatchesState is the suite's core check: Terraform's state and the simulator hold exactly
// the same want gateways. A gateway only in the simulator is an orphan (paid for, unmanaged); one
// only in state was dropped by the API while Terraform still believes in it; more than want means
// something was created twice.
func (e *Env) CheckSimMatchesState(want int) func(*terraform.State) error {
	return func(s *terraform.State) error {
		inState, inSim := StateGatewayIDs(s), e.SimGatewayIDs()
		if !slices.Equal(inState, inSim) {
			return fmt.Errorf("state holds %d gateways %v, vpcsim holds %d %v", len(inState), inState, len(inSim), inSim)
		}
		if len(inSim) != want {
			return fmt.Errorf("vpcsim holds %d gateways, want exactly %d", len(inSim), want)
		}
		return nil
	}
}

// Statuses is the simulator's count of answers to action by HTTP status ("200", "400",
// "dropped"...).
func (e *Env) Statuses(action string) map[string]int {
	return maps.Clone(e.Sim.Stats().Requests[action])
}

// CheckStatuses requires the simulator's answers to action to be exactly want: a retry that was
// not a replay of the same ClientToken shows up as an extra answer.
func (e *Env) CheckStatuses(action string, want map[string]int) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := e.Statuses(action); !maps.Equal(got, want) {
			return fmt.Errorf("vpcsim answered %s %s, want exactly %s", action, FmtCounts(got), FmtCounts(want))
		}
		return nil
	}
}

// FmtCounts renders counts in a stable order: {200:10 dropped:10}.
func FmtCounts(m map[string]int) string {
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ":" + strconv.Itoa(m[k])
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// Total is the sum of counts.
func Total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// DropGuard watches every destroy the provider reports done and checks, at that very moment,
// that the simulator no longer has the gateway: a provider that takes a busy answer for "gone"
// (the official provider's IncorrectStatus.VpnGateway defect) is caught even if the gateway
// disappears later.
type DropGuard struct {
	e *Env

	mu         sync.Mutex
	destroys   int
	violations []string
}

// NewDropGuard is a guard of e's simulator.
func NewDropGuard(e *Env) *DropGuard { return &DropGuard{e: e} }

// Factories serves the provider (with Env's diagnostics recorder) behind the guard.
func (g *DropGuard) Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return g.e.Wrapped(func(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
		return &guardedServer{ProviderServer: s, guard: g}
	})
}

// Check fails t for every gateway that left state while the simulator still had it. Call it at
// the end of the test.
func (g *DropGuard) Check(t *testing.T) {
	t.Helper()
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, v := range g.violations {
		t.Error(v)
	}
}

// Figures are the guard's counts for the report.
func (g *DropGuard) Figures() []reliability.Figure {
	g.mu.Lock()
	defer g.mu.Unlock()
	return []reliability.Figure{
		{Name: "destroys checked against vpcsim when the provider reported them done", Value: strconv.Itoa(g.destroys)},
		{Name: "gateways dropped from state while vpcsim still had them", Value: strconv.Itoa(len(g.violations))},
	}
}

type guardedServer struct {
	tfprotov6.ProviderServer
	guard *DropGuard
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
	if gw, ok := g.e.Gateway(id); ok {
		g.violations = append(g.violations, fmt.Sprintf("gateway %s left state while vpcsim still had it (status %s)", id, gw.Status))
	}
	return resp, err
}

var GatewayType = vpngateway.Schema(context.Background()).Type().TerraformType(context.Background())

// isNull reports whether a state is absent (the planned state of a destroy, the new state of a
// finished one).
func isNull(v *tfprotov6.DynamicValue) bool {
	if v == nil {
		return true
	}
	val, err := v.Unmarshal(GatewayType)
	return err == nil && val.IsNull()
}

// stateID is the id attribute of a gateway's state, or "" if it has none.
func stateID(v *tfprotov6.DynamicValue) string {
	if v == nil {
		return ""
	}
	val, err := v.Unmarshal(GatewayType)
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

// Interpose puts h between the provider and the simulator: the provider's endpoint becomes a
// server of h's, which passes on to e.Sim what it does not answer itself.
func (e *Env) Interpose(t *testing.T, h http.Handler) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	e.Endpoint = strings.TrimPrefix(srv.URL, "http://")
}

// APIParams reads an API request's action and parameters (query string and form body) and leaves
// the body in place for the simulator, whose signature check covers it.
func APIParams(r *http.Request) (action string, params url.Values) {
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

// AnswerLoser makes the API lose the first successful answer to some actions for each gateway: the
// simulator performs the request, then the connection closes without a byte, as when a network
// path fails on the way back (or, with late errors, every other lost answer is a 500
// InternalError instead, as from a backend that fails after committing). The client cannot tell
// whether the action happened; only a retry with the same ClientToken, or a repeat of an action
// that is safe to repeat, is safe. A gateway is known by its ID, or before it has one by the name
// its create asks for; losing one answer per gateway and round (not per ClientToken) lets a client
// that retries under a new token act twice, visibly, instead of losing answers until it gives up.
type AnswerLoser struct {
	next http.Handler
	late bool

	mu      sync.Mutex
	actions []string
	round   int
	lost    map[lossKey]string // how each answer was lost: LostDropped or LostLate
}

type lossKey struct {
	round           int
	action, gateway string
}

// How an answer was lost.
const (
	LostDropped = "connection dropped"
	LostLate    = "500 InternalError after the effect"
)

func NewAnswerLoser(next http.Handler) *AnswerLoser {
	return &AnswerLoser{next: next, lost: map[lossKey]string{}}
}

// WithLateErrors makes every other lost answer a 500 InternalError after the effect.
func (l *AnswerLoser) WithLateErrors() *AnswerLoser {
	l.late = true
	return l
}

// LoseFirstAnswersOf starts a round in which every gateway loses its first answer to each of
// actions (none for no losses).
func (l *AnswerLoser) LoseFirstAnswersOf(actions ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.actions = actions
	l.round++
}

// LostAnswers is how many answers to action were lost, in every round.
func (l *AnswerLoser) LostAnswers(action string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for k := range l.lost {
		if k.action == action {
			n++
		}
	}
	return n
}

// LostBy is how many answers were lost each way.
func (l *AnswerLoser) LostBy() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]int{}
	for _, how := range l.lost {
		out[how]++
	}
	return out
}

// Figures are the losses for the report: for each of actions, the answers lost and vpcsim's
// answers by HTTP status; with late errors, how many were lost each way.
func (l *AnswerLoser) Figures(e *Env, actions ...string) []reliability.Figure {
	var out []reliability.Figure
	if l.late {
		by := l.LostBy()
		for _, how := range slices.Sorted(maps.Keys(by)) {
			out = append(out, reliability.Figure{Name: "answers lost: " + how, Value: strconv.Itoa(by[how])})
		}
	}
	for _, action := range actions {
		out = append(out,
			reliability.Figure{Name: action + " answers lost", Value: strconv.Itoa(l.LostAnswers(action))},
			reliability.Figure{Name: action + " answers by HTTP status", Value: FmtCounts(e.Statuses(action))})
	}
	return out
}

// requestGateway names the gateway a request is about: its ID, under the parameter each action
// gives it, or before it has one the name its create asks for.
func requestGateway(params url.Values) string {
	for _, p := range []string{"VpnGatewayId", "ResourceId.1", "InstanceId"} {
		if id := params.Get(p); id != "" {
			return id
		}
	}
	return "named " + params.Get("Name")
}

func (l *AnswerLoser) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	action, params := APIParams(r)
	l.mu.Lock()
	key := lossKey{l.round, action, requestGateway(params)}
	_, done := l.lost[key]
	lose := action != "" && slices.Contains(l.actions, action) && !done
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
	how := LostDropped
	if l.late && len(l.lost)%2 == 1 {
		how = LostLate
	}
	l.lost[key] = how
	l.mu.Unlock()
	if how == LostLate {
		WriteAPIError(w, r, http.StatusInternalServerError, vpcapi.CodeInternalError, InternalErrorMessage)
		return
	}
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close() // the point is to leave the client without an answer
}

// InternalErrorMessage is the API's message with InternalError.
const InternalErrorMessage = "The request processing has failed due to some unknown error, exception or failure."

// WriteAPIError answers as the API does when it refuses a request: the HTTP status and a JSON body
// with the code, the message and a RequestId (also in x-acs-request-id) that says the test's
// interposer answered, not the simulator.
func WriteAPIError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	requestID := "INJECTED-" + strings.ToUpper(rand.Text())
	body, _ := json.Marshal(map[string]string{"RequestId": requestID, "HostId": r.Host, "Code": code, "Message": message})
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.Header().Set("x-acs-request-id", requestID)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
