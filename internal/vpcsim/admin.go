package vpcsim

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

// adminPrefix is where the unsigned admin endpoints live, on the API's own listener.
const adminPrefix = "/_sim/"

// OrderView is an order as GET /_sim/state lists it.
type OrderView struct {
	OrderID      int64  `json:"OrderId"`
	VpnGatewayID string `json:"VpnGatewayId"`
	Paid         bool   `json:"Paid"`
}

// StateView is the body of GET /_sim/state.
type StateView struct {
	Gateways        []gateway.View    `json:"gateways"`
	ForeignGateways []gateway.Foreign `json:"foreignGateways"`
	Orders          []OrderView       `json:"orders"`
	ResourceGroups  []string          `json:"resourceGroups"` // sorted
}

// resourceGroupBody is the body of POST /_sim/resource-groups and of its answer.
type resourceGroupBody struct {
	ResourceGroupID string `json:"ResourceGroupId"`
}

func (s *Sim) adminMux() *http.ServeMux {
	m := http.NewServeMux()
	m.HandleFunc("GET /_sim/state", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, s.State())
	})
	m.HandleFunc("GET /_sim/stats", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, s.Stats())
	})
	m.HandleFunc("GET /_sim/faults", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, s.Faults())
	})
	m.HandleFunc("GET /_sim/requests", func(w http.ResponseWriter, _ *http.Request) {
		adminJSON(w, http.StatusOK, s.Requests())
	})
	m.HandleFunc("POST /_sim/faults", func(w http.ResponseWriter, r *http.Request) {
		var f Faults
		if err := decodeStrict(r, &f); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		if err := f.validate(); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		s.SetFaults(f)
		adminJSON(w, http.StatusOK, f)
	})
	m.HandleFunc("POST /_sim/outage", s.serveOutage)
	m.HandleFunc("POST /_sim/orders/{id}/pay", func(w http.ResponseWriter, r *http.Request) {
		if err := s.PayOrder(r.PathValue("id")); err != nil {
			adminError(w, adminStatus(err), err)
			return
		}
		adminJSON(w, http.StatusOK, map[string]any{"OrderId": r.PathValue("id"), "Paid": true})
	})
	m.HandleFunc("POST /_sim/reset", func(w http.ResponseWriter, _ *http.Request) {
		s.Reset()
		adminJSON(w, http.StatusOK, map[string]bool{"reset": true})
	})
	m.HandleFunc("POST /_sim/gateways/{id}", func(w http.ResponseWriter, r *http.Request) {
		var p gateway.Patch
		if err := decodeStrict(r, &p); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		if err := s.PatchGateway(r.PathValue("id"), p); err != nil {
			adminError(w, adminStatus(err), err)
			return
		}
		adminJSON(w, http.StatusOK, s.anyGateway(r.PathValue("id")))
	})
	m.HandleFunc("POST /_sim/foreign-gateways", func(w http.ResponseWriter, r *http.Request) {
		var g gateway.Foreign
		if err := decodeStrict(r, &g); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		added, err := s.AddForeignGateway(g)
		if err != nil {
			adminError(w, adminStatus(err), err)
			return
		}
		adminJSON(w, http.StatusOK, added)
	})
	m.HandleFunc("POST /_sim/resource-groups", func(w http.ResponseWriter, r *http.Request) {
		var g resourceGroupBody
		if err := decodeStrict(r, &g); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		id, err := s.AddResourceGroup(g.ResourceGroupID)
		if err != nil {
			adminError(w, adminStatus(err), err)
			return
		}
		adminJSON(w, http.StatusOK, resourceGroupBody{ResourceGroupID: id})
	})
	m.HandleFunc("DELETE /_sim/gateways/{id}", func(w http.ResponseWriter, r *http.Request) {
		if err := s.RemoveGateway(r.PathValue("id")); err != nil {
			adminError(w, adminStatus(err), err)
			return
		}
		adminJSON(w, http.StatusOK, map[string]string{"removed": r.PathValue("id")})
	})
	m.HandleFunc("/_sim/", func(w http.ResponseWriter, r *http.Request) {
		adminError(w, http.StatusNotFound, fmt.Errorf("no admin endpoint %s %s", r.Method, r.URL.Path))
	})
	return m
}

func (s *Sim) serveAdmin(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		adminError(w, http.StatusServiceUnavailable, errors.New("vpcsim is closed"))
		return
	}
	s.admin.ServeHTTP(w, r)
}

// State returns every gateway and order, as GET /_sim/state answers.
func (s *Sim) State() StateView {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := StateView{
		Gateways: s.gatewaysLocked(), ForeignGateways: s.foreignGatewaysLocked(), Orders: []OrderView{},
		ResourceGroups: s.resourceGroupsLocked(),
	}
	for _, o := range s.state.orders {
		v.Orders = append(v.Orders, OrderView{OrderID: o.ID, VpnGatewayID: o.GatewayID, Paid: o.Paid})
	}
	slices.SortFunc(v.Orders, func(a, b OrderView) int { return cmp.Compare(a.OrderID, b.OrderID) })
	return v
}

// Gateways returns a snapshot of every gateway that is not gone, oldest first.
func (s *Sim) Gateways() []gateway.View {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gatewaysLocked()
}

func (s *Sim) gatewaysLocked() []gateway.View {
	now := s.now()
	var live []*gateway.Record
	for _, g := range s.state.gateways {
		if _, gone := g.Status(now, &s.gw); !gone {
			live = append(live, g)
		}
	}
	slices.SortFunc(live, func(a, b *gateway.Record) int { return cmp.Compare(a.Seq, b.Seq) })
	out := make([]gateway.View, 0, len(live))
	for _, g := range live {
		out = append(out, g.View(now, &s.gw))
	}
	return out
}

// anyGateway is the admin view of the gateway or foreign gateway id, for the patch's answer.
func (s *Sim) anyGateway(id string) any {
	for _, g := range s.Gateways() {
		if g.VpnGatewayID == id {
			return g
		}
	}
	for _, g := range s.ForeignGateways() {
		if g.VpnGatewayID == id {
			return g
		}
	}
	return nil
}

// PayOrder pays an unpaid order, as the console's payment page would: its gateway starts
// provisioning now. Paying a paid order changes nothing.
func (s *Sim) PayOrder(orderID string) error {
	id, err := strconv.ParseInt(orderID, 10, 64)
	if err != nil {
		return fmt.Errorf("order %q: %w", orderID, ErrNotFound)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.state.orders[id]
	if o == nil {
		return fmt.Errorf("order %q: %w", orderID, ErrNotFound)
	}
	if o.Paid {
		return nil
	}
	o.Paid = true
	if g := s.state.gateways[o.GatewayID]; g != nil && g.StartedAt.IsZero() {
		g.StartedAt = s.now()
	}
	return s.commitLocked()
}

// PatchGateway changes a gateway behind the API's back (drift), as POST /_sim/gateways/{id} does.
// A gateway of another type takes Name, Description, Fields, Remove and Restore, not Status:
// what it answers is all there is to it, so set Fields["Status"] instead.
func (s *Sim) PatchGateway(id string, p gateway.Patch) error {
	if err := p.Check(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.state.foreign[id]; f != nil {
		if p.Status != nil {
			return fmt.Errorf("gateway %q is of type %s, whose status is not simulated; set Fields[\"Status\"]: %w", id, f.GatewayType, gateway.ErrBadPatch)
		}
		drift, removed, err := gateway.PatchDrift(f.Drift, f.Removed, p)
		if err != nil {
			return err
		}
		f.Drift, f.Removed = drift, removed
		f.Name = ptrOr(p.Name, f.Name)
		f.Description = ptrOr(p.Description, f.Description)
		return s.commitLocked()
	}
	g := s.state.gateways[id]
	if g == nil {
		return fmt.Errorf("gateway %q: %w", id, ErrNotFound)
	}
	if _, gone := g.Status(s.now(), &s.gw); gone {
		return fmt.Errorf("gateway %q: %w", id, ErrNotFound)
	}
	drift, removed, err := gateway.PatchDrift(g.Drift, g.Removed, p)
	if err != nil {
		return err
	}
	g.Drift, g.Removed = drift, removed
	g.Name = ptrOr(p.Name, g.Name)
	g.Description = ptrOr(p.Description, g.Description)
	g.ForcedStatus = ptrOr(p.Status, g.ForcedStatus)
	return s.commitLocked()
}

func ptrOr(p *string, def string) string {
	if p != nil {
		return *p
	}
	return def
}

// RemoveGateway makes a gateway (of any type) vanish at once, whatever its billing or status, as
// DELETE /_sim/gateways/{id} does: the way out for an unpaid or subscribed gateway the API will
// not delete, and the way to take a gateway of another type away.
func (s *Sim) RemoveGateway(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state.gateways[id] == nil && s.state.foreign[id] == nil {
		return fmt.Errorf("gateway %q: %w", id, ErrNotFound)
	}
	delete(s.state.gateways, id)
	delete(s.state.foreign, id)
	return s.commitLocked()
}

// AddForeignGateway puts a gateway of another type into its region's DescribeVpnGateways lists,
// as POST /_sim/foreign-gateways does, and returns it with its defaults filled in. It counts
// against no quota: the VPN gateway quota is CreateVpnGateway's.
func (s *Sim) AddForeignGateway(g gateway.Foreign) (gateway.Foreign, error) {
	g.RegionID = cmp.Or(g.RegionID, DefaultRegion)
	g.GatewayType = cmp.Or(g.GatewayType, gateway.TypeEnhancedSiteToSite)
	if g.GatewayType == gateway.TypeTraditional {
		return gateway.Foreign{}, fmt.Errorf("GatewayType %q is the type CreateVpnGateway makes; create it through the API: %w", g.GatewayType, gateway.ErrBadPatch)
	}
	if g.Drift != nil || g.Removed != nil || g.InternetIP != "" || g.CreateTime != 0 {
		return gateway.Foreign{}, fmt.Errorf("the simulator sets Drift, Removed, InternetIp and CreateTime itself (drift goes through PatchGateway): %w", gateway.ErrBadPatch)
	}
	region := s.regions[g.RegionID]
	if region == nil {
		return gateway.Foreign{}, fmt.Errorf("region %q has no network in this simulator: %w", g.RegionID, gateway.ErrBadPatch)
	}
	var vpc *network.Vpc
	if g.VpcID == "" && len(region.Vpcs) > 0 {
		vpc = &region.Vpcs[0]
	} else if vpc = region.Vpc(g.VpcID); vpc == nil {
		return gateway.Foreign{}, fmt.Errorf("VPC %q is not in region %s: %w", g.VpcID, g.RegionID, gateway.ErrBadPatch)
	}
	var vsw *network.VSwitch
	if g.VSwitchID == "" && len(vpc.VSwitches) > 0 {
		vsw = &vpc.VSwitches[0]
	} else if vsw = vpc.VSwitch(g.VSwitchID); vsw == nil {
		return gateway.Foreign{}, fmt.Errorf("vSwitch %q is not in VPC %s: %w", g.VSwitchID, vpc.ID, gateway.ErrBadPatch)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.state
	if g.VpnGatewayID == "" {
		g.VpnGatewayID = s.newGatewayID()
	} else if st.gateways[g.VpnGatewayID] != nil || st.foreign[g.VpnGatewayID] != nil {
		return gateway.Foreign{}, fmt.Errorf("gateway %q exists already: %w", g.VpnGatewayID, gateway.ErrBadPatch)
	}
	st.counters.Seq++
	f := &gateway.ForeignRecord{
		Seq: st.counters.Seq, ID: g.VpnGatewayID, RegionID: g.RegionID, GatewayType: g.GatewayType, VpcID: vpc.ID,
		VSwitchID: vsw.ID, Name: cmp.Or(g.Name, g.VpnGatewayID), Description: g.Description,
		InternetIP: s.allocateIP(vpcapi.NetworkTypePublic, vsw), CreatedAt: s.now(),
	}
	st.foreign[f.ID] = f
	if err := s.commitLocked(); err != nil {
		return gateway.Foreign{}, err
	}
	return f.View(), nil
}

// ForeignGateways returns every gateway of another type, oldest first.
func (s *Sim) ForeignGateways() []gateway.Foreign {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.foreignGatewaysLocked()
}

func (s *Sim) foreignGatewaysLocked() []gateway.Foreign {
	list := slices.Collect(maps.Values(s.state.foreign))
	slices.SortFunc(list, func(a, b *gateway.ForeignRecord) int { return cmp.Compare(a.Seq, b.Seq) })
	out := make([]gateway.Foreign, 0, len(list))
	for _, f := range list {
		out = append(out, f.View())
	}
	return out
}

// resourceGroupIDPattern is the form of a resource group ID: "rg-" and lowercase letters and
// digits, as Resource Manager makes them.
var resourceGroupIDPattern = regexp.MustCompile(`^rg-[a-z0-9]{1,61}$`)

// AddResourceGroup adds a resource group to the account, as POST /_sim/resource-groups does, and
// returns its ID; "" makes a new one, shaped like Resource Manager's ("rg-acfm" and 11 lowercase
// letters and digits). Adding one that exists changes nothing, so that a test may
// add the groups it needs whatever ran before it.
func (s *Sim) AddResourceGroup(id string) (string, error) {
	if id != "" && !resourceGroupIDPattern.MatchString(id) {
		return "", fmt.Errorf("resource group ID %q is not \"rg-\" and 1 to 61 lowercase letters and digits: %w", id, gateway.ErrBadPatch)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	generated := id == ""
	for generated && (id == "" || s.state.resourceGroups[id]) {
		id = "rg-acfm" + randomID(11)
	}
	if s.state.resourceGroups[id] {
		return id, nil
	}
	s.state.resourceGroups[id] = true
	if err := s.commitLocked(); err != nil {
		return "", err
	}
	return id, nil
}

// ResourceGroups returns the account's resource group IDs, sorted.
func (s *Sim) ResourceGroups() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.resourceGroupsLocked()
}

func (s *Sim) resourceGroupsLocked() []string {
	return slices.Sorted(maps.Keys(s.state.resourceGroups))
}

// commitLocked writes a change made through the admin API to the state file, undoing it in
// memory if it cannot be written.
func (s *Sim) commitLocked() error {
	if s.cfg.StateFile == "" {
		return nil
	}
	if err := s.saveLocked(); err != nil {
		s.restoreLocked()
		return err
	}
	return nil
}

func adminStatus(err error) int {
	switch {
	case errors.Is(err, ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, gateway.ErrBadPatch):
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

func decodeStrict(r *http.Request, v any) error {
	d := json.NewDecoder(http.MaxBytesReader(nil, r.Body, request.MaxBodyBytes))
	d.DisallowUnknownFields()
	// An empty body is the zero value: POST /_sim/faults with no body clears the faults.
	if err := d.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("request body: %w", err)
	}
	return nil
}

func adminJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"error":"encoding the answer failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body) // a client that went away cannot be told anything more
}

func adminError(w http.ResponseWriter, status int, err error) {
	adminJSON(w, status, map[string]string{"error": err.Error()})
}
