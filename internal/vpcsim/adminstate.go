package vpcsim

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

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
