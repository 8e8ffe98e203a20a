package lookup

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpngateway"
)

// Every attribute of the resource but the ones a found gateway lacks is an attribute of a found
// gateway, of the same type: a new attribute of the resource reaches the data sources unasked.
func TestFoundGatewayAttributesAreTheResources(t *testing.T) {
	ctx := context.Background()
	found := foundGatewayAttributes(ctx)
	res := vpngateway.Schema(ctx).Attributes
	for name, a := range res {
		f, ok := found[name]
		switch {
		case slices.Contains(notFoundAttributes, name):
			if ok {
				t.Errorf("%s is an attribute of a found gateway; it was meant to be left out", name)
			}
		case !ok:
			t.Errorf("the resource's %s is not an attribute of a found gateway", name)
		case !f.GetType().Equal(a.GetType()):
			t.Errorf("%s is a %s in the data sources and a %s in the resource", name, f.GetType(), a.GetType())
		}
	}
	if len(found) != len(res)-len(notFoundAttributes)+1 {
		t.Errorf("a found gateway has %d attributes; want the resource's %d, less %d, plus gateway_type", len(found), len(res), len(notFoundAttributes))
	}

	var single datasource.SchemaResponse
	NewVpnGatewayDataSource().Schema(ctx, datasource.SchemaRequest{}, &single)
	for name := range found {
		if _, ok := single.Schema.Attributes[name]; !ok {
			t.Errorf("alicloud_vpn_gateway (data source) has no %s", name)
		}
	}
	var plural datasource.SchemaResponse
	NewVpnGatewaysDataSource().Schema(ctx, datasource.SchemaRequest{}, &plural)
	var listed list.ListResourceSchemaResponse
	NewListResource().ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, &listed)
	for name := range gatewayFilterAttributes() {
		if _, ok := plural.Schema.Attributes[name]; !ok {
			t.Errorf("alicloud_vpn_gateways has no filter %s", name)
		}
		if _, ok := listed.Schema.Attributes[name]; ok == (name == gatewayTypeAttribute) {
			t.Errorf("the list resource's filter %s: present = %v", name, ok)
		}
	}
}
