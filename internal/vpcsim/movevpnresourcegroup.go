package vpcsim

import (
	"slices"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

// moveResourceTypes are the ResourceType values MoveVpnResourceGroup takes, as its reference
// spells them. The reference does not say whether case matters, but the official provider sends
// "VpnGateWay" and moves gateways with it, so the case is ignored.
var moveResourceTypes = []string{
	vpcapi.MoveResourceTypeVpnGateway, vpcapi.MoveResourceTypeCustomerGateway, vpcapi.MoveResourceTypeVpnAttachment,
}

// moveVpnResourceGroup moves a VPN gateway to another resource group of the account. It takes no
// ClientToken: moving a gateway to the group it is in succeeds and changes nothing, so a retry is
// always safe.
func (s *Sim) moveVpnResourceGroup(c *request.Call, x *exchange) (any, *apierr.Error) {
	region, aerr := s.regions.Region(c)
	if aerr != nil {
		return nil, aerr
	}
	instanceID, aerr := c.Required("InstanceId")
	if aerr != nil {
		return nil, aerr
	}
	groupID, aerr := c.Required("NewResourceGroupId")
	if aerr != nil {
		return nil, aerr
	}
	given, aerr := c.Required("ResourceType")
	if aerr != nil {
		return nil, aerr
	}
	i := slices.IndexFunc(moveResourceTypes, func(t string) bool { return strings.EqualFold(t, given) })
	if i < 0 {
		return nil, apierr.IllegalResourceType(given, moveResourceTypes)
	}
	if aerr := s.moveGateway(region.ID, instanceID, moveResourceTypes[i], groupID, x); aerr != nil {
		return nil, aerr
	}
	return requestIDAnswer{x.requestID}, nil
}
