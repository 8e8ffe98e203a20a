package vpcsim

import (
	"cmp"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/clienttoken"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

// stateVersion is written into the state file so that a future format can tell old files apart.
const stateVersion = 1

// state is everything the simulator keeps across restarts.
type state struct {
	gateways map[string]*gateway.Record
	foreign  map[string]*gateway.ForeignRecord // gateways of other types
	orders   map[int64]*order
	tokens   *clienttoken.Store
	counters counters
	// resourceGroups are the account's resource groups, the seeded ones included. They belong to
	// the account, not to a region, as Resource Manager's groups do.
	resourceGroups map[string]bool
}

// order is the purchase order behind a gateway. A POSTPAY or auto-paid order is paid at creation;
// a PREPAY order with AutoPay=false waits for PayOrder.
type order struct {
	ID        int64  `json:"id"`
	GatewayID string `json:"gatewayId"`
	Paid      bool   `json:"paid"`
}

// counters allocate sequence numbers, order IDs and addresses, never reusing one.
type counters struct {
	Seq     int64 `json:"seq"`
	OrderID int64 `json:"orderId"`
	IP      int64 `json:"ip"`
}

// stateFile is the JSON layout of the state file.
type stateFile struct {
	Version  int                      `json:"version"`
	Counters counters                 `json:"counters"`
	Gateways []*gateway.Record        `json:"gateways"`
	Foreign  []*gateway.ForeignRecord `json:"foreignGateways,omitempty"`
	Orders   []*order                 `json:"orders"`
	Tokens   []*clienttoken.Entry     `json:"clientTokens"`
	// ResourceGroups are every resource group, sorted; a file written before there were any
	// holds none, and gets the seeded ones.
	ResourceGroups []string `json:"resourceGroups,omitempty"`
}

// firstOrderID makes order IDs look like the API's 14-digit ones.
const firstOrderID = 20260000000000

func newState() *state {
	return &state{
		gateways: map[string]*gateway.Record{},
		foreign:  map[string]*gateway.ForeignRecord{},
		orders:   map[int64]*order{},
		tokens:   clienttoken.NewStore(nil),
		counters: counters{OrderID: firstOrderID},
		resourceGroups: map[string]bool{
			DefaultResourceGroupID: true, SecondResourceGroupID: true, ThirdResourceGroupID: true,
		},
	}
}

func (st *state) marshal() ([]byte, error) {
	f := stateFile{Version: stateVersion, Counters: st.counters, Tokens: st.tokens.Entries()}
	f.ResourceGroups = slices.Sorted(maps.Keys(st.resourceGroups))
	for _, g := range st.gateways {
		f.Gateways = append(f.Gateways, g)
	}
	slices.SortFunc(f.Gateways, func(a, b *gateway.Record) int { return cmp.Compare(a.Seq, b.Seq) })
	f.Foreign = slices.Collect(maps.Values(st.foreign))
	slices.SortFunc(f.Foreign, func(a, b *gateway.ForeignRecord) int { return cmp.Compare(a.Seq, b.Seq) })
	for _, o := range st.orders {
		f.Orders = append(f.Orders, o)
	}
	slices.SortFunc(f.Orders, func(a, b *order) int { return cmp.Compare(a.ID, b.ID) })
	return json.MarshalIndent(f, "", "  ")
}

func unmarshalState(data []byte) (*state, error) {
	var f stateFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	if f.Version != stateVersion {
		return nil, fmt.Errorf("state file version %d, want %d", f.Version, stateVersion)
	}
	st := newState()
	st.counters = f.Counters
	for _, g := range f.Gateways {
		st.gateways[g.ID] = g
	}
	for _, g := range f.Foreign {
		st.foreign[g.ID] = g
	}
	for _, o := range f.Orders {
		st.orders[o.ID] = o
	}
	st.tokens = clienttoken.NewStore(f.Tokens)
	for _, id := range f.ResourceGroups {
		st.resourceGroups[id] = true
	}
	return st, nil
}

// load reads the state file, if it exists.
func (s *Sim) load() error {
	data, err := os.ReadFile(s.cfg.StateFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("vpcsim: reading state file: %w", err)
	}
	st, err := unmarshalState(data)
	if err != nil {
		return fmt.Errorf("vpcsim: state file %s: %w", s.cfg.StateFile, err)
	}
	s.state, s.saved = st, data
	return nil
}

// saveLocked writes the state file atomically: a reader, or a restart after kill -9, sees either
// the previous state or this one, never a mix, and nothing acknowledged after it returns is lost.
func (s *Sim) saveLocked() error {
	data, err := s.state.marshal()
	if err != nil {
		return err
	}
	if err := writeFileAtomic(s.cfg.StateFile, data); err != nil {
		return fmt.Errorf("vpcsim: writing state file: %w", err)
	}
	s.saved = data
	return nil
}

// restoreLocked puts the in-memory state back to what the state file holds, after a change could
// not be written: the client is told the request failed, so the change must not survive either.
func (s *Sim) restoreLocked() {
	if s.saved == nil {
		s.state = newState()
		return
	}
	if st, err := unmarshalState(s.saved); err == nil {
		s.state = st
	}
}

// writeFileAtomic writes a temporary file beside path, syncs it, renames it over path and syncs
// the directory, so that the rename itself survives a crash.
func writeFileAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name()) // best effort: the write already failed
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// findGateway is the call's VpnGatewayId in its RegionId; a gateway whose deletion has run its
// course is forgotten here, when it is first found gone.
func (s *Sim) findGateway(c *request.Call, x *exchange) (*gateway.Record, *apierr.Error) {
	region, aerr := s.regions.Region(c)
	if aerr != nil {
		return nil, aerr
	}
	id, aerr := c.Required("VpnGatewayId")
	if aerr != nil {
		return nil, aerr
	}
	g := s.state.gateways[id]
	if g == nil || g.RegionID != region.ID {
		return nil, apierr.GatewayNotFound()
	}
	if _, gone := g.Status(x.now, &s.gw); gone {
		delete(s.state.gateways, id)
		return nil, apierr.GatewayNotFound()
	}
	return g, nil
}

// findForeign is the call's VpnGatewayId as a gateway of another type in its RegionId, if it is one.
func (s *Sim) findForeign(c *request.Call) *gateway.ForeignRecord {
	f := s.state.foreign[c.Get("VpnGatewayId")]
	if f == nil || f.RegionID != c.Get("RegionId") {
		return nil
	}
	return f
}

// liveGateways lists a region's gateways, newest first as the API lists them, forgetting the
// ones that are gone.
func (s *Sim) liveGateways(regionID string, x *exchange) []*gateway.Record {
	var out []*gateway.Record
	for id, g := range s.state.gateways {
		if _, gone := g.Status(x.now, &s.gw); gone {
			delete(s.state.gateways, id)
			continue
		}
		if g.RegionID == regionID {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b *gateway.Record) int { return cmp.Compare(b.Seq, a.Seq) })
	return out
}

// countGateways counts a region's gateways that are not gone, for the quota; it runs on every
// create, so it neither allocates nor sorts.
func (s *Sim) countGateways(regionID string, x *exchange) int {
	n := 0
	for _, g := range s.state.gateways {
		if _, gone := g.Status(x.now, &s.gw); !gone && g.RegionID == regionID {
			n++
		}
	}
	return n
}

// newGatewayID returns an unused ID shaped like the API's: "vpn-" and 21 lowercase letters and
// digits.
func (s *Sim) newGatewayID() string {
	for {
		if id := "vpn-" + randomID(21); s.state.gateways[id] == nil && s.state.foreign[id] == nil {
			return id
		}
	}
}

// randomID returns n random lowercase letters and digits, the alphabet of the API's IDs.
func randomID(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// allocateIP gives a public gateway the next documentation address and a private one an address
// in its vSwitch.
func (s *Sim) allocateIP(networkType string, vsw *network.VSwitch) string {
	n := s.state.counters.IP
	s.state.counters.IP++
	if networkType == vpcapi.NetworkTypePrivate && vsw != nil {
		return network.PrivateIP(vsw.CidrBlock, n)
	}
	return network.PublicIP(n)
}
