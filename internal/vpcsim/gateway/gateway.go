// Package gateway is the VPN gateway as vpcsim keeps it: the stored record, the status it derives
// from its instants, how the API answers it (drift included), the admin view of it, and the
// gateways of other types that share its lists.
package gateway

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/dialect"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// Settings are what a gateway's status and answers depend on besides its record: the
// simulator's delays and the dialect it answers in.
type Settings struct {
	ProvisionDelay time.Duration // create -> active, unless the record has a delay of its own
	DeleteDelay    time.Duration // how long it stays "deleting" before it is gone
	Dialect        dialect.Dialect
}

// Record is a VPN gateway as the simulator stores it: facts and instants, never a status. The
// status is derived from the instants whenever it is read (see Status).
type Record struct {
	Seq             int64     `json:"seq"` // creation order, for stable listings
	ID              string    `json:"id"`
	RegionID        string    `json:"regionId"`
	VpcID           string    `json:"vpcId"`
	VSwitchID       string    `json:"vSwitchId"`
	DRVSwitchID     string    `json:"drVSwitchId,omitempty"`
	Name            string    `json:"name"`
	Description     string    `json:"description,omitempty"`
	ChargeType      string    `json:"chargeType"` // vpcapi.ChargeTypePrepay or ChargeTypePostpay
	Period          int64     `json:"period,omitempty"`
	Bandwidth       int64     `json:"bandwidth"`
	IPsec           bool      `json:"ipsec"`
	SSL             bool      `json:"ssl"`
	SSLConnections  int64     `json:"sslConnections,omitempty"`
	NetworkType     string    `json:"networkType"`
	VpnType         string    `json:"vpnType"`
	ResourceGroupID string    `json:"resourceGroupId"`
	AutoPropagate   bool      `json:"autoPropagate"`
	InternetIP      string    `json:"internetIp"`
	DRInternetIP    string    `json:"drInternetIp,omitempty"`
	SSLInternetIP   string    `json:"sslInternetIp,omitempty"` // SSL on a public dual-tunnel gateway
	IntranetIP      string    `json:"intranetIp,omitempty"`    // single-tunnel with IPsec; only ModifyVpnGatewayAttribute answers it
	OrderID         int64     `json:"orderId"`
	CreatedAt       time.Time `json:"createdAt"`
	EndsAt          time.Time `json:"endsAt,omitzero"`        // subscription end, PREPAY only
	StartedAt       time.Time `json:"startedAt,omitzero"`     // order paid: provisioning began
	UpdatingUntil   time.Time `json:"updatingUntil,omitzero"` // end of the last modify's "updating"
	DeletedAt       time.Time `json:"deletedAt,omitzero"`     // DeleteVpnGateway accepted
	ForcedStatus    string    `json:"forcedStatus,omitempty"` // set through the admin API (drift)
	// ProvisionFor is this gateway's own provisioning delay, drawn at creation when the
	// simulator's Config.ProvisionSpread is on; 0: Settings.ProvisionDelay.
	ProvisionFor time.Duration `json:"provisionFor,omitempty"`
	// Tags are the user's tags, set through TagResources and UnTagResources.
	Tags tagging.Set `json:"tags,omitempty"`
	// Drift are answered fields set through the admin API, Removed the ones left out of answers.
	Drift   map[string]json.RawMessage `json:"drift,omitempty"`
	Removed []string                   `json:"removed,omitempty"`
	// HeldStatus is the status an injected fault holds the gateway in until HeldUntil, whatever
	// its own schedule says. Faults are runtime settings, so the hold is never saved.
	HeldStatus string    `json:"-"`
	HeldUntil  time.Time `json:"-"`
}

// Status is the gateway's status at now, and whether it is gone altogether (its deletion has
// run its course). The phases: unpaid or in the first quarter of the provisioning delay "init",
// then "provisioning", then "active", "updating" for a while after each modify, and "deleting"
// from DeleteVpnGateway until the delete delay has passed.
func (g *Record) Status(now time.Time, st *Settings) (status string, gone bool) {
	if g.HeldStatus != "" && now.Before(g.HeldUntil) {
		return g.HeldStatus, false
	}
	if !g.DeletedAt.IsZero() {
		if !now.Before(g.DeletedAt.Add(st.DeleteDelay)) {
			return "", true
		}
		return vpcapi.StatusDeleting, false
	}
	switch {
	case g.ForcedStatus != "":
		return g.ForcedStatus, false
	case g.StartedAt.IsZero() || now.Before(g.StartedAt.Add(g.provisionDelay(st)/4)):
		return vpcapi.StatusInit, false
	case now.Before(g.StartedAt.Add(g.provisionDelay(st))):
		return vpcapi.StatusProvisioning, false
	case now.Before(g.UpdatingUntil):
		return vpcapi.StatusUpdating, false
	}
	return vpcapi.StatusActive, false
}

// Clone is a copy of the record that shares nothing with it, to keep as it was.
func (g *Record) Clone() *Record {
	c := *g
	c.Tags = maps.Clone(g.Tags)
	c.Drift = maps.Clone(g.Drift)
	c.Removed = slices.Clone(g.Removed)
	return &c
}

func (g *Record) provisionDelay(st *Settings) time.Duration {
	if g.ProvisionFor > 0 {
		return g.ProvisionFor
	}
	return st.ProvisionDelay
}

// SpreadDelay draws a gateway's provisioning delay uniformly from [d/2, 2d], in whole
// milliseconds as the API's times are. The draw depends on the seed and the gateway's creation
// order alone, so that a run repeats whatever else happens in it, and a simulator restarted from
// its state file does not hand out its first draws again.
func SpreadDelay(d time.Duration, seed uint64, seq int64) time.Duration {
	r := rand.New(rand.NewPCG(seed, uint64(seq)))
	lo, hi := (d / 2).Milliseconds(), (2 * d).Milliseconds()
	return time.Duration(lo+r.Int64N(hi-lo+1)) * time.Millisecond
}

// View is a snapshot of one gateway, marshalled with DescribeVpnGateway's field names (plus
// RegionId and OrderId, which that answer leaves out but a test wants to see). It shows the
// gateway as it is; Drift and Removed say how the API's answers differ from it.
type View struct {
	VpnGatewayID               string `json:"VpnGatewayId"`
	RegionID                   string `json:"RegionId,omitempty"`
	OrderID                    int64  `json:"OrderId,omitempty"`
	VpcID                      string `json:"VpcId"`
	VSwitchID                  string `json:"VSwitchId"`
	DisasterRecoveryVSwitchID  string `json:"DisasterRecoveryVSwitchId,omitempty"`
	Name                       string `json:"Name"`
	Description                string `json:"Description"`
	Status                     string `json:"Status"`
	BusinessStatus             string `json:"BusinessStatus"`
	ChargeType                 string `json:"ChargeType"`
	Spec                       string `json:"Spec"`
	InternetIP                 string `json:"InternetIp"`
	DisasterRecoveryInternetIP string `json:"DisasterRecoveryInternetIp,omitempty"`
	SslVpnInternetIP           string `json:"SslVpnInternetIp,omitempty"`
	CreateTime                 int64  `json:"CreateTime"`
	EndTime                    int64  `json:"EndTime,omitempty"`
	IpsecVpn                   string `json:"IpsecVpn"`
	SslVpn                     string `json:"SslVpn"`
	SslMaxConnections          int64  `json:"SslMaxConnections"`
	NetworkType                string `json:"NetworkType"`
	VpnType                    string `json:"VpnType"`
	AutoPropagate              bool   `json:"AutoPropagate"`
	EnableBgp                  bool   `json:"EnableBgp"`
	ResourceGroupID            string `json:"ResourceGroupId"`
	// Tags are the gateway's user tags, key to value, never nil: the API answers them as a list,
	// Tags.Tag[] of {Key, Value}.
	Tags map[string]string `json:"Tags"`
	// ProvisionedTime (admin API only) is when provisioning ends, in milliseconds since the epoch
	// like CreateTime: the moment the gateway became, or will become, active. 0 while its order is
	// unpaid. Benchmarks measure from it how late a client notices that a gateway is ready.
	ProvisionedTime int64 `json:"ProvisionedTime,omitempty"`
	// Drift and Removed (admin API only) are the answered fields set or removed by PatchGateway.
	Drift   map[string]json.RawMessage `json:"Drift,omitempty"`
	Removed []string                   `json:"Removed,omitempty"`
}

// Patch changes a gateway behind the API's back, as drift does. Nil fields stay as they
// are. Status forces the reported status (one of the vpcapi.Status values) until a later patch
// sets it to "", which returns the gateway to its computed status; a forced status also changes
// what the API allows (a gateway forced "updating" cannot be modified).
//
// Fields, Remove and Restore change only what DescribeVpnGateway, DescribeVpnGateways and
// ModifyVpnGatewayAttribute answer about the gateway, never how it behaves: Fields sets answered
// fields (by their API names, such as "Spec" or "ChargeType") to any JSON value, Remove leaves
// fields out of the answers altogether, and Restore returns fields to what the gateway really
// has. Names must be fields the API answers for a VPN gateway (Fields).
type Patch struct {
	Name, Description, Status *string
	Fields                    map[string]any `json:",omitempty"`
	Remove                    []string       `json:",omitempty"`
	Restore                   []string       `json:",omitempty"`
}

// View is the gateway as it is at now.
func (g *Record) View(now time.Time, st *Settings) View {
	status, _ := g.Status(now, st)
	v := View{
		VpnGatewayID:               g.ID,
		RegionID:                   g.RegionID,
		OrderID:                    g.OrderID,
		VpcID:                      g.VpcID,
		VSwitchID:                  g.VSwitchID,
		DisasterRecoveryVSwitchID:  g.DRVSwitchID,
		Name:                       g.Name,
		Description:                g.Description,
		Status:                     status,
		BusinessStatus:             vpcapi.BusinessStatusNormal,
		Spec:                       strconv.FormatInt(g.Bandwidth, 10) + "M",
		InternetIP:                 g.InternetIP,
		DisasterRecoveryInternetIP: g.DRInternetIP,
		SslVpnInternetIP:           g.SSLInternetIP,
		CreateTime:                 g.CreatedAt.UnixMilli(),
		IpsecVpn:                   enableDisable(g.IPsec),
		SslVpn:                     enableDisable(g.SSL),
		NetworkType:                g.NetworkType,
		VpnType:                    g.VpnType,
		AutoPropagate:              g.AutoPropagate,
		ResourceGroupID:            g.ResourceGroupID,
		Tags:                       maps.Clone(g.Tags),
	}
	if v.Tags == nil {
		v.Tags = map[string]string{}
	}
	if g.SSL {
		v.SslMaxConnections = g.SSLConnections
	}
	if !g.StartedAt.IsZero() {
		v.ProvisionedTime = g.StartedAt.Add(g.provisionDelay(st)).UnixMilli()
	}
	v.ChargeType = st.Dialect.Facts().ChargeType[g.ChargeType]
	v.Drift, v.Removed = g.Drift, g.Removed
	if g.ChargeType == vpcapi.ChargeTypePrepay {
		v.EndTime = g.EndsAt.UnixMilli()
		if !now.Before(g.EndsAt) {
			v.BusinessStatus = vpcapi.BusinessStatusFinancialLocked
		}
	}
	return v
}

func enableDisable(on bool) string {
	if on {
		return "enable"
	}
	return "disable"
}

// InSubscription reports whether a PREPAY gateway is still within the period it was bought for,
// when the real API refuses to release it.
func (g *Record) InSubscription(now time.Time) bool {
	return g.ChargeType == vpcapi.ChargeTypePrepay && now.Before(g.EndsAt)
}

// CheckReady refuses a change to a gateway that is not active: one being deleted has the wrong
// status for anything, one still being set up or changed asks the caller to come back later.
func (g *Record) CheckReady(now time.Time, st *Settings) *apierr.Error {
	switch status, _ := g.Status(now, st); status {
	case vpcapi.StatusActive:
		return nil
	case vpcapi.StatusDeleting:
		return apierr.IncorrectStatus(status)
	default:
		return apierr.Configuring()
	}
}
