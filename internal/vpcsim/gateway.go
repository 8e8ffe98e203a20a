package vpcsim

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// gateway is a VPN gateway as the simulator stores it: facts and instants, never a status. The
// status is derived from the instants whenever it is read (see status).
type gateway struct {
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
	OrderID         int64     `json:"orderId"`
	CreatedAt       time.Time `json:"createdAt"`
	EndsAt          time.Time `json:"endsAt,omitzero"`        // subscription end, PREPAY only
	StartedAt       time.Time `json:"startedAt,omitzero"`     // order paid: provisioning began
	UpdatingUntil   time.Time `json:"updatingUntil,omitzero"` // end of the last modify's "updating"
	DeletedAt       time.Time `json:"deletedAt,omitzero"`     // DeleteVpnGateway accepted
	ForcedStatus    string    `json:"forcedStatus,omitempty"` // set through the admin API (drift)
	// ProvisionFor is this gateway's own provisioning delay, drawn at creation when
	// Config.ProvisionSpread is on; 0: Config.ProvisionDelay.
	ProvisionFor time.Duration `json:"provisionFor,omitempty"`
	// Tags are the user's tags, set through TagResources and UnTagResources.
	Tags tagging.Set `json:"tags,omitempty"`
	// Drift are answered fields set through the admin API, Removed the ones left out of answers.
	Drift   map[string]json.RawMessage `json:"drift,omitempty"`
	Removed []string                   `json:"removed,omitempty"`
}

// order is the purchase order behind a gateway. A POSTPAY or auto-paid order is paid at creation;
// a PREPAY order with AutoPay=false waits for PayOrder.
type order struct {
	ID        int64  `json:"id"`
	GatewayID string `json:"gatewayId"`
	Paid      bool   `json:"paid"`
}

// status is the gateway's status at now, and whether it is gone altogether (its deletion has
// run its course). The phases: unpaid or in the first quarter of the provisioning delay "init",
// then "provisioning", then "active", "updating" for a while after each modify, and "deleting"
// from DeleteVpnGateway until the delete delay has passed.
func (g *gateway) status(now time.Time, cfg *Config) (status string, gone bool) {
	if !g.DeletedAt.IsZero() {
		if !now.Before(g.DeletedAt.Add(cfg.DeleteDelay)) {
			return "", true
		}
		return vpcapi.StatusDeleting, false
	}
	switch {
	case g.ForcedStatus != "":
		return g.ForcedStatus, false
	case g.StartedAt.IsZero() || now.Before(g.StartedAt.Add(g.provisionDelay(cfg)/4)):
		return vpcapi.StatusInit, false
	case now.Before(g.StartedAt.Add(g.provisionDelay(cfg))):
		return vpcapi.StatusProvisioning, false
	case now.Before(g.UpdatingUntil):
		return vpcapi.StatusUpdating, false
	}
	return vpcapi.StatusActive, false
}

func (g *gateway) provisionDelay(cfg *Config) time.Duration {
	if g.ProvisionFor > 0 {
		return g.ProvisionFor
	}
	return cfg.ProvisionDelay
}

// spreadDelay draws a gateway's provisioning delay uniformly from [d/2, 2d], in whole
// milliseconds as the API's times are. The draw depends on the seed and the gateway's creation
// order alone, so that a run repeats whatever else happens in it, and a simulator restarted from
// its state file does not hand out its first draws again.
func spreadDelay(d time.Duration, seed uint64, seq int64) time.Duration {
	r := rand.New(rand.NewPCG(seed, uint64(seq)))
	lo, hi := (d / 2).Milliseconds(), (2 * d).Milliseconds()
	return time.Duration(lo+r.Int64N(hi-lo+1)) * time.Millisecond
}

// Gateway is a snapshot of one gateway, marshalled with DescribeVpnGateway's field names (plus
// RegionId and OrderId, which that answer leaves out but a test wants to see). It shows the
// gateway as it is; Drift and Removed say how the API's answers differ from it.
type Gateway struct {
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

// GatewayPatch changes a gateway behind the API's back, as drift does. Nil fields stay as they
// are. Status forces the reported status (one of the vpcapi.Status values) until a later patch
// sets it to "", which returns the gateway to its computed status; a forced status also changes
// what the API allows (a gateway forced "updating" cannot be modified).
//
// Fields, Remove and Restore change only what DescribeVpnGateway, DescribeVpnGateways and
// ModifyVpnGatewayAttribute answer about the gateway, never how it behaves: Fields sets answered
// fields (by their API names, such as "Spec" or "ChargeType") to any JSON value, Remove leaves
// fields out of the answers altogether, and Restore returns fields to what the gateway really
// has. Names must be fields the API answers for a VPN gateway (GatewayFields).
type GatewayPatch struct {
	Name, Description, Status *string
	Fields                    map[string]any `json:",omitempty"`
	Remove                    []string       `json:",omitempty"`
	Restore                   []string       `json:",omitempty"`
}

func (g *gateway) view(now time.Time, cfg *Config) Gateway {
	status, _ := g.status(now, cfg)
	v := Gateway{
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
		v.ProvisionedTime = g.StartedAt.Add(g.provisionDelay(cfg)).UnixMilli()
	}
	v.ChargeType = cfg.dialect().chargeType[g.ChargeType]
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

// inSubscription reports whether a PREPAY gateway is still within the period it was bought for,
// when the real API refuses to release it.
func (g *gateway) inSubscription(now time.Time) bool {
	return g.ChargeType == vpcapi.ChargeTypePrepay && now.Before(g.EndsAt)
}
