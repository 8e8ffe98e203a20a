package vpngateway_test

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/reliability"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// Tags and resource groups under lost answers and faults. TagResources, UnTagResources and
// MoveVpnResourceGroup take no ClientToken: a retry is safe only because each is safe to repeat
// and the provider sends the whole desired state every time. Every check reads vpcsim's own
// gateways: each holds exactly its configured tags_all (no key lost, none doubled, none stale) and
// its configured resource group, state agrees with vpcsim, and no gateway exists twice.

// The actions of tags and resource groups.
var tagActions = []string{vpcapi.ActionTagResources, vpcapi.ActionUnTagResources, vpcapi.ActionMoveVpnResourceGroup}

// tagStage is one configuration of the tag scenarios: the provider's default_tags, each gateway's
// own tags (to which every gateway adds idx = its index, so that no gateway can take another's),
// its resource group ("" leaves it unset, in the default group), and any other arguments.
type tagStage struct {
	defaults, tags map[string]string
	group          string
	args           string
}

// tagsName is the name prefix of the scenarios' gateways: gateway i is tags-<i>.
const tagsName = "tags"

func (st tagStage) config(e *acctest.Env, n int) string {
	var args []string
	if st.tags != nil {
		args = append(args, "  tags = "+hclMap(st.tags, `"idx" = "${count.index}"`))
	}
	if st.group != "" {
		args = append(args, fmt.Sprintf("  resource_group_id = %q", st.group))
	}
	if st.args != "" {
		args = append(args, st.args)
	}
	defaults := ""
	if st.defaults != nil {
		defaults = hclMap(st.defaults)
	}
	return taggedProvider(e, defaults) + e.GatewaysResource(n, tagsName, strings.Join(args, "\n"))
}

// hclMap is m as an HCL map, with more items written out as they are.
func hclMap(m map[string]string, more ...string) string {
	items := slices.Clone(more)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		items = append(items, fmt.Sprintf("%q = %q", k, m[k]))
	}
	return "{ " + strings.Join(items, ", ") + " }"
}

// want is the tags_all of gateway i.
func (st tagStage) want(i int) map[string]string {
	all := maps.Clone(st.defaults)
	if all == nil {
		all = map[string]string{}
	}
	maps.Copy(all, st.tags)
	if st.tags != nil {
		all["idx"] = strconv.Itoa(i)
	}
	return all
}

func (st tagStage) wantGroup() string { return cmp.Or(st.group, vpcsim.DefaultResourceGroupID) }

// check is the scenarios' check against vpcsim: exactly the n gateways of state, none twice; each
// with exactly the stage's tags and resource group; and in state the tags_all and the group that
// vpcsim holds.
func (st tagStage) check(e *acctest.Env, n int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if err := e.CheckSimMatchesState(n)(s); err != nil {
			return err
		}
		inState := map[string]map[string]string{}
		for _, rs := range s.RootModule().Resources {
			if rs.Type == "alicloud_vpn_gateway" && rs.Primary != nil {
				inState[rs.Primary.ID] = rs.Primary.Attributes
			}
		}
		var errs []error
		for _, g := range e.Sim.Gateways() {
			i, err := strconv.Atoi(strings.TrimPrefix(g.Name, tagsName+"-"))
			if err != nil {
				errs = append(errs, fmt.Errorf("vpcsim's gateway %s is named %q, not %s-<index>", g.VpnGatewayID, g.Name, tagsName))
				continue
			}
			if want := st.want(i); !maps.Equal(g.Tags, want) {
				errs = append(errs, fmt.Errorf("vpcsim's gateway %s (%s) has tags %v, want exactly %v", g.VpnGatewayID, g.Name, g.Tags, want))
			}
			if g.ResourceGroupID != st.wantGroup() {
				errs = append(errs, fmt.Errorf("vpcsim's gateway %s (%s) is in resource group %s, want %s", g.VpnGatewayID, g.Name, g.ResourceGroupID, st.wantGroup()))
			}
			attrs := inState[g.VpnGatewayID]
			if got := stateMap(attrs, "tags_all"); !maps.Equal(got, g.Tags) {
				errs = append(errs, fmt.Errorf("state holds tags_all %v for %s, vpcsim %v", got, g.VpnGatewayID, g.Tags))
			}
			if got := attrs["resource_group_id"]; got != g.ResourceGroupID {
				errs = append(errs, fmt.Errorf("state holds resource_group_id %s for %s, vpcsim %s", got, g.VpnGatewayID, g.ResourceGroupID))
			}
		}
		return errors.Join(errs...)
	}
}

// stateMap is the map attribute attr of a resource's flattened state attributes.
func stateMap(attrs map[string]string, attr string) map[string]string {
	out := map[string]string{}
	for k, v := range attrs {
		if key, ok := strings.CutPrefix(k, attr+"."); ok && key != "%" {
			out[key] = v
		}
	}
	return out
}

// Lost answers: the first answer to every TagResources, UnTagResources and MoveVpnResourceGroup of
// each gateway, in each apply, is lost after vpcsim acted on it (the connection dropped, or every
// other time a 500 InternalError): on the tagging of new gateways, on a change of their tags that
// removes keys, on a change of default_tags that removes one, on a move to another resource group,
// and on a move together with a change of tags. Each apply must succeed with exactly the
// configured tags and group, and with exactly one repeat per lost answer.
func TestAccReliability_tagsLostAnswers(t *testing.T) {
	n := reliability.Count(4, 100)
	e := acctest.New(t, vpcsim.Config{Quota: n + 10})
	e.NeedSim(t, "loses the API's answers")
	loser := acctest.NewAnswerLoser(e.Sim).WithLateErrors()
	e.Interpose(t, loser)
	guard := acctest.NewDropGuard(e)

	created := tagStage{
		defaults: map[string]string{"env": "prod", "team": "net"},
		tags:     map[string]string{"app": "vpn", "team": "sec", "old": "drop-me"},
	}
	changed := tagStage{defaults: created.defaults, tags: map[string]string{"app": "vpn2"}}
	newDefaults := tagStage{defaults: map[string]string{"env": "staging", "owner": "ops"}, tags: changed.tags}
	moved := tagStage{defaults: newDefaults.defaults, tags: changed.tags, group: vpcsim.SecondResourceGroupID}
	movedAndChanged := tagStage{
		defaults: map[string]string{"owner": "ops"},
		tags:     map[string]string{"app": "vpn3"},
		group:    vpcsim.ThirdResourceGroupID,
	}
	// Each lost answer and its repeat, per gateway and apply, counted over the applies so far.
	answered := func(applies int) map[string]int {
		if applies == 0 {
			return map[string]int{}
		}
		return map[string]int{"200": 2 * applies * n}
	}
	step := func(st tagStage, lose []string, tagged, untagged, movedTimes int) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() { loser.LoseFirstAnswersOf(lose...) },
			Config:    st.config(e, n),
			Check: resource.ComposeAggregateTestCheckFunc(
				st.check(e, n),
				e.CheckStatuses(vpcapi.ActionTagResources, answered(tagged)),
				e.CheckStatuses(vpcapi.ActionUnTagResources, answered(untagged)),
				e.CheckStatuses(vpcapi.ActionMoveVpnResourceGroup, answered(movedTimes)),
				checkLost(loser, vpcapi.ActionTagResources, tagged*n),
				checkLost(loser, vpcapi.ActionUnTagResources, untagged*n),
				checkLost(loser, vpcapi.ActionMoveVpnResourceGroup, movedTimes*n),
			),
		}
	}
	tagAndUntag := []string{vpcapi.ActionTagResources, vpcapi.ActionUnTagResources}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: guard.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			step(created, tagActions, 1, 0, 0),
			step(changed, tagAndUntag, 2, 1, 0),
			step(newDefaults, tagAndUntag, 3, 2, 0),
			step(moved, tagActions, 3, 2, 1),
			step(movedAndChanged, tagActions, 4, 3, 2),
			{Config: movedAndChanged.config(e, n), PlanOnly: true},
		},
	})
	guard.Check(t)

	figures := append(guard.Figures(), loser.Figures(e, tagActions...)...)
	reliability.Record(t, reliability.Result{
		Scenario: "Tags and resource group: lost answers (TagResources, UnTagResources, MoveVpnResourceGroup)",
		Runs:     n,
		Unit:     "gateways tagged at creation, their tags changed (keys removed), default_tags changed (a key removed), moved, moved with a tag change; each losing the first answer to every tag action and move of every apply",
		Checked: []string{
			"every tag action and move lost its first answer after vpcsim acted on it: the connection dropped, or a 500 InternalError",
			"every apply succeeded; afterwards each gateway holds in vpcsim exactly its configured tags_all (no key lost, none doubled or stale) and resource group, and state holds the same",
			"vpcsim answered each tag action and move exactly twice per gateway and apply (the lost answer and its repeat): no extra call",
			"vpcsim holds exactly the gateways in state, one per configured gateway; the plan after each apply and the final plan are empty",
			"after destroy vpcsim holds no gateway, and no gateway left state while vpcsim still had it",
		},
		Figures: figures,
	})
}

// A flaky tag API: 30% of the requests of the tag actions, the move and ListTagResources fail
// before they take effect, with InternalError, ServiceUnavailable, Throttling.User, or (for the
// actions that change a gateway) the busy answers VpnGateway.Configuring,
// IncorrectStatus.VpnGateway and OperationConflict. Once created, the gateways' answers carry no
// Tags, so that every refresh reads them with ListTagResources. Each apply must succeed without an
// error and leave exactly the configured tags and groups; the last plan is empty.
func TestAccReliability_tagsFlakyAPI(t *testing.T) {
	const rate = 0.3
	n := reliability.Count(6, 100)
	e := acctest.New(t, vpcsim.Config{Quota: n + 10})
	e.NeedSim(t, "injects faults")
	errorCodes := []string{vpcapi.CodeInternalError, vpcapi.CodeServiceUnavailable, vpcapi.CodeThrottlingUser}
	orBusy := append(slices.Clone(errorCodes), vpcapi.CodeVpnGatewayConfiguring, vpcapi.CodeIncorrectStatus, vpcapi.CodeOperationConflict)
	faults := newFaultInjector(e.Sim)
	faults.set(rate, map[string][]string{
		vpcapi.ActionTagResources:         orBusy,
		vpcapi.ActionUnTagResources:       orBusy,
		vpcapi.ActionMoveVpnResourceGroup: orBusy,
		vpcapi.ActionListTagResources:     errorCodes,
	})
	e.Interpose(t, faults)
	guard := acctest.NewDropGuard(e)

	created := tagStage{
		defaults: map[string]string{"env": "prod", "team": "net"},
		tags:     map[string]string{"app": "vpn", "team": "sec", "old": "drop-me"},
	}
	changed := tagStage{
		defaults: map[string]string{"env": "staging", "owner": "ops"},
		tags:     map[string]string{"app": "vpn2"},
		group:    vpcsim.SecondResourceGroupID,
	}
	untagged := tagStage{defaults: changed.defaults, group: vpcsim.ThirdResourceGroupID}
	hideTags := func(*terraform.State) error {
		for _, g := range e.Sim.Gateways() {
			if err := e.Sim.PatchGateway(g.VpnGatewayID, gateway.Patch{Remove: []string{"Tags"}}); err != nil {
				return err
			}
		}
		return nil
	}
	var listedBefore int
	listed := func(*terraform.State) error {
		if got := faults.requests(vpcapi.ActionListTagResources); got <= listedBefore {
			return fmt.Errorf("no ListTagResources since the answers lost their Tags (%d requests)", got)
		}
		listedBefore = faults.requests(vpcapi.ActionListTagResources)
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: guard.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: created.config(e, n),
				Check:  resource.ComposeAggregateTestCheckFunc(created.check(e, n), e.CheckNoErrors, hideTags),
			},
			{
				Config: changed.config(e, n),
				Check:  resource.ComposeAggregateTestCheckFunc(changed.check(e, n), e.CheckNoErrors, listed),
			},
			{
				Config: untagged.config(e, n),
				Check:  resource.ComposeAggregateTestCheckFunc(untagged.check(e, n), e.CheckNoErrors, listed),
			},
			{Config: untagged.config(e, n), PlanOnly: true},
		},
	})
	guard.Check(t)

	all, failed := faults.totals()
	figures := append([]reliability.Figure{
		{Name: "requests of the four actions", Value: strconv.Itoa(all)},
		{Name: "requests failed by the faults", Value: fmt.Sprintf("%d (%.1f%%)", failed, 100*float64(failed)/float64(max(all, 1)))},
	}, guard.Figures()...)
	figures = append(figures, faults.figures()...)
	reliability.Record(t, reliability.Result{
		Scenario: "Tags and resource group: flaky API (30% of tag, move and ListTagResources requests fail)",
		Runs:     n,
		Unit:     "gateways tagged at creation, then their tags, default_tags and group changed at once, then their own tags removed and moved again; every refresh after the first apply reads tags with ListTagResources",
		Checked: []string{
			"30% of TagResources, UnTagResources, MoveVpnResourceGroup and ListTagResources requests failed before taking effect (500, 503, Throttling.User; busy answers for all but ListTagResources)",
			"no error diagnostic from any apply, refresh or plan",
			"after each apply each gateway holds in vpcsim exactly its configured tags_all and resource group, and state holds the same",
			"vpcsim holds exactly the gateways in state, one per configured gateway; the plan after each apply and the final plan are empty",
			"the refreshes read tags with ListTagResources; after destroy vpcsim holds no gateway, and none left state while vpcsim still had it",
		},
		Figures: figures,
	})
}

// Refused until the timeout: a gateway whose TagResources is refused (OperationConflict) until the
// create timeout; then its UnTagResources refused (IncorrectStatus.VpnGateway) until the update
// timeout, after its move succeeded; then its move refused (VpnGateway.Configuring). Each apply
// fails with a diagnostic that names the operation, the gateway, the API's Code and its
// RequestId; the next apply, with the API well again, converges: the untagged new gateway is
// replaced (it is tainted), the moved one gets its tags in place, the unmoved one is moved.
func TestAccReliability_tagsRefusedUntilTimeout(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "refuses the tag actions")
	faults := newFaultInjector(e.Sim)
	e.Interpose(t, faults)
	guard := acctest.NewDropGuard(e)
	const first = "alicloud_vpn_gateway.test[0]"

	created := tagStage{
		defaults: map[string]string{"env": "prod"},
		tags:     map[string]string{"app": "vpn", "old": "drop-me"},
	}
	changed := tagStage{defaults: created.defaults, tags: map[string]string{"app": "vpn2"}, group: vpcsim.SecondResourceGroupID}
	movedAndChanged := tagStage{defaults: created.defaults, tags: map[string]string{"app": "vpn3"}, group: vpcsim.ThirdResourceGroupID}
	withTimeout := func(st tagStage, op, d string) tagStage {
		st.args = fmt.Sprintf("  timeouts = {\n    %s = %q\n  }", op, d)
		return st
	}
	refuse := func(action, code string) func() {
		return func() { faults.set(1, map[string][]string{action: {code}}) }
	}
	// Terraform wraps long messages: any space may be a line break.
	failure := func(operation, code string) *regexp.Regexp {
		return regexp.MustCompile(strings.ReplaceAll(`(?s)`+operation+` VPN Gateway \(vpn-[0-9a-z]+\).*`+
			`Code: `+regexp.QuoteMeta(code)+`.*RequestId: INJECTED-`, " ", `\s+`))
	}
	only := func(check func(gateway.View) error) func() {
		return func() {
			gws := e.Sim.Gateways()
			if len(gws) != 1 {
				t.Fatalf("vpcsim holds %d gateways after the failed apply, want exactly 1", len(gws))
			}
			must(t, check(gws[0]))
		}
	}
	// refusedUpdate is two steps: next applied while action is refused with code until the update
	// timeout, which fails naming operation; then, with the API well again, vpcsim's gateway as
	// the failed apply left it (in group, with tags), and next applied again in place.
	refusedUpdate := func(action, code, operation string, next tagStage, group string, tags map[string]string) []resource.TestStep {
		return []resource.TestStep{
			{
				PreConfig:   refuse(action, code),
				Config:      withTimeout(next, "update", "3s").config(e, 1),
				ExpectError: failure(operation, code),
			},
			{
				PreConfig: func() {
					faults.set(0, nil)
					only(func(g gateway.View) error {
						if g.ResourceGroupID != group || !maps.Equal(g.Tags, tags) {
							return fmt.Errorf("after the failed update vpcsim's gateway is in %s with tags %v, want %s with %v",
								g.ResourceGroupID, g.Tags, group, tags)
						}
						return nil
					})()
				},
				Config: next.config(e, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(first, plancheck.ResourceActionUpdate),
					expectRefreshed(first, "resource_group_id", group),
				}},
				Check: next.check(e, 1),
			},
		}
	}
	var tainted string

	steps := []resource.TestStep{
		{
			PreConfig:   refuse(vpcapi.ActionTagResources, vpcapi.CodeOperationConflict),
			Config:      withTimeout(created, "create", "5s").config(e, 1),
			ExpectError: failure("tagging", vpcapi.CodeOperationConflict),
		},
		{
			PreConfig: func() {
				faults.set(0, nil)
				only(func(g gateway.View) error {
					tainted = g.VpnGatewayID
					if len(g.Tags) > 0 {
						return fmt.Errorf("the refused gateway has tags %v in vpcsim", g.Tags)
					}
					return nil
				})()
			},
			Config: created.config(e, 1),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(first, plancheck.ResourceActionDestroyBeforeCreate),
			}},
			Check: resource.ComposeAggregateTestCheckFunc(created.check(e, 1), func(*terraform.State) error {
				if _, ok := e.Gateway(tainted); ok {
					return fmt.Errorf("the tainted gateway %s is still in vpcsim", tainted)
				}
				return nil
			}),
		},
	}
	// The move comes first: refused, nothing else is done; after it, a refused untag leaves the
	// gateway moved with its old tags.
	steps = append(steps, refusedUpdate(vpcapi.ActionUnTagResources, vpcapi.CodeIncorrectStatus, "tagging",
		changed, changed.group, created.want(0))...)
	steps = append(steps, refusedUpdate(vpcapi.ActionMoveVpnResourceGroup, vpcapi.CodeVpnGatewayConfiguring, "moving",
		movedAndChanged, changed.group, changed.want(0))...)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: guard.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps:                    steps,
	})
	guard.Check(t)
	reliability.Record(t, reliability.Result{
		Scenario: "Tags and resource group: refused until the timeout",
		Runs:     3,
		Unit:     "applies failed by a refused tag action or move: TagResources at create (5s timeout), UnTagResources after a move, MoveVpnResourceGroup (3s timeouts)",
		Checked: []string{
			"each failed apply names the operation (tagging, moving), the gateway, the API's Code (OperationConflict, IncorrectStatus.VpnGateway, VpnGateway.Configuring) and its RequestId",
			"the gateway whose create-time tags were refused stays in state, tainted; with the API well again the next apply replaces it and vpcsim holds only the new one, with exactly its tags",
			"after the failed untag vpcsim holds the gateway in its new group with its old tags; the next plan refreshes the group, changes the tags in place, and leaves exactly the configured tags and group",
			"after the refused move vpcsim's gateway is unchanged (the move comes first); the next apply moves it and changes its tags",
			"after destroy vpcsim holds no gateway, and no gateway left state while vpcsim still had it",
		},
		Figures: append(guard.Figures(), faults.figures()...),
	})
}

// faultInjector fails a share of the requests of some actions before they reach the simulator,
// each with a code drawn from that action's list: the API's answers when it fails
// (InternalError 500, ServiceUnavailable 503), throttles (Throttling.User 400), or finds the
// gateway busy with another change (400). A refused request never takes effect.
type faultInjector struct {
	next http.Handler

	mu     sync.Mutex
	rate   float64
	codes  map[string][]string       // by action
	failed map[string]map[string]int // action -> code -> answers
	passed map[string]int            // action -> requests let through
}

func newFaultInjector(next http.Handler) *faultInjector {
	return &faultInjector{next: next, failed: map[string]map[string]int{}, passed: map[string]int{}}
}

// set fails the share rate of the requests of each action in codes, with one of its codes.
func (f *faultInjector) set(rate float64, codes map[string][]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rate, f.codes = rate, codes
}

// faultAnswers are the HTTP status and message of each code the injector answers with (the API's
// own messages for the first three).
var faultAnswers = map[string]struct {
	status  int
	message string
}{
	vpcapi.CodeInternalError:         {http.StatusInternalServerError, acctest.InternalErrorMessage},
	vpcapi.CodeServiceUnavailable:    {http.StatusServiceUnavailable, "The request has failed due to a temporary failure of the server."},
	vpcapi.CodeThrottlingUser:        {http.StatusBadRequest, "Request was denied due to user flow control."},
	vpcapi.CodeVpnGatewayConfiguring: {http.StatusBadRequest, busyMessage},
	vpcapi.CodeIncorrectStatus:       {http.StatusBadRequest, busyMessage},
	vpcapi.CodeOperationConflict:     {http.StatusBadRequest, busyMessage},
}

func (f *faultInjector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	action, _ := acctest.APIParams(r)
	f.mu.Lock()
	var code string
	if codes := f.codes[action]; len(codes) > 0 && rand.Float64() < f.rate {
		code = codes[rand.IntN(len(codes))]
		if f.failed[action] == nil {
			f.failed[action] = map[string]int{}
		}
		f.failed[action][code]++
	} else if _, ok := f.codes[action]; ok {
		f.passed[action]++
	}
	f.mu.Unlock()
	if code == "" {
		f.next.ServeHTTP(w, r)
		return
	}
	answer := faultAnswers[code]
	acctest.WriteAPIError(w, r, answer.status, code, answer.message)
}

// requests is how many requests of action reached the injector while it had codes for it.
func (f *faultInjector) requests(action string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.passed[action] + acctest.Total(f.failed[action])
}

// totals are the requests of the actions with codes, and how many of them failed.
func (f *faultInjector) totals() (all, failed int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, n := range f.passed {
		all += n
	}
	for _, byCode := range f.failed {
		failed += acctest.Total(byCode)
	}
	return all + failed, failed
}

func (f *faultInjector) figures() []reliability.Figure {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []reliability.Figure
	for _, action := range slices.Sorted(maps.Keys(f.failed)) {
		out = append(out, reliability.Figure{
			Name:  action + " requests let through / failed by code",
			Value: fmt.Sprintf("%d / %s", f.passed[action], acctest.FmtCounts(f.failed[action])),
		})
	}
	return out
}
