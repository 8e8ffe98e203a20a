package gateway

import (
	"encoding/json"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// Gateways of another type share DescribeVpnGateways' lists with the ones CreateVpnGateway makes:
// the enhanced site-to-site gateways CreateEnhancedVpnGateway makes, on the real API. They are
// billed and sized otherwise (that action takes no Bandwidth and no InstanceChargeType), so they
// answer without ChargeType and Spec, and the lists answer them without Status either: the fields
// whose absence crashed the official provider's list data source. The simulator does not serve the
// actions that make them; the admin API puts them in place, as another tool would on a real account.

// TypeEnhancedSiteToSite is the GatewayType of the enhanced site-to-site gateways.
const TypeEnhancedSiteToSite = "Enhanced.SiteToSite"

// Foreign is a gateway of another type, as the simulator's AddForeignGateway takes it and
// GET /_sim/state lists it (under "foreignGateways"). Empty fields get defaults when it is added.
type Foreign struct {
	VpnGatewayID string `json:"VpnGatewayId,omitempty"` // "": a new ID
	RegionID     string `json:"RegionId,omitempty"`     // "": vpcsim.DefaultRegion
	GatewayType  string `json:"GatewayType,omitempty"`  // "": TypeEnhancedSiteToSite; never TypeTraditional
	VpcID        string `json:"VpcId,omitempty"`        // "": the region's first VPC
	VSwitchID    string `json:"VSwitchId,omitempty"`    // "": the VPC's first vSwitch
	Name         string `json:"Name,omitempty"`         // "": the ID
	Description  string `json:"Description,omitempty"`
	InternetIP   string `json:"InternetIp,omitempty"` // set when added
	CreateTime   int64  `json:"CreateTime,omitempty"` // set when added, ms since the epoch
	// Drift and Removed: answered fields changed by PatchGateway, as for View.
	Drift   map[string]json.RawMessage `json:"Drift,omitempty"`
	Removed []string                   `json:"Removed,omitempty"`
}

// ForeignRecord is a Foreign as the state keeps it.
type ForeignRecord struct {
	Seq         int64                      `json:"seq"` // shares the creation order of gateways, for listings
	ID          string                     `json:"id"`
	RegionID    string                     `json:"regionId"`
	GatewayType string                     `json:"gatewayType"`
	VpcID       string                     `json:"vpcId"`
	VSwitchID   string                     `json:"vSwitchId"`
	Name        string                     `json:"name"`
	Description string                     `json:"description,omitempty"`
	InternetIP  string                     `json:"internetIp"`
	CreatedAt   time.Time                  `json:"createdAt"`
	Drift       map[string]json.RawMessage `json:"drift,omitempty"`
	Removed     []string                   `json:"removed,omitempty"`
}

// View is the foreign gateway as the admin API shows it.
func (f *ForeignRecord) View() Foreign {
	return Foreign{
		VpnGatewayID: f.ID, RegionID: f.RegionID, GatewayType: f.GatewayType, VpcID: f.VpcID, VSwitchID: f.VSwitchID,
		Name: f.Name, Description: f.Description, InternetIP: f.InternetIP, CreateTime: f.CreatedAt.UnixMilli(),
		Drift: f.Drift, Removed: f.Removed,
	}
}

// Answer is the foreign gateway as the API answers it, in resourceGroupID: list says whether as
// an item of DescribeVpnGateways, which leaves Status out as well.
func (f *ForeignRecord) Answer(list bool, resourceGroupID string) map[string]any {
	a := map[string]any{
		"VpnGatewayId": f.ID, "GatewayType": f.GatewayType, "VpcId": f.VpcID, "VSwitchId": f.VSwitchID,
		"Name": f.Name, "Description": f.Description, "BusinessStatus": vpcapi.BusinessStatusNormal,
		"InternetIp": f.InternetIP, "CreateTime": f.CreatedAt.UnixMilli(), "IpsecVpn": enableDisable(true),
		"SslVpn": enableDisable(false), "NetworkType": vpcapi.NetworkTypePublic, "VpnType": vpcapi.VpnTypeNormal,
		"AutoPropagate": true, "EnableBgp": false, "ResourceGroupId": resourceGroupID,
		"Tags": tagsAnswer(nil),
	}
	if !list {
		a["Status"] = vpcapi.StatusActive
	}
	applyDrift(a, f.Drift, f.Removed)
	return a
}
