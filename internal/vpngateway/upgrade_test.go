package vpngateway

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
)

// This provider's own version 0 state comes through the upgrade as it was (its region too, whatever
// the provider's now). Attributes the schema has added since read as a plan would have them
// (tags_all from the tags, the schema's defaults) or null, for the Read that follows to fill.
func TestUpgradeKeepsOwnState(t *testing.T) {
	own := map[string]any{
		"id": "vpn-1", "vpc_id": "vpc-1", "bandwidth": 10.0, "instance_charge_type": "PREPAY", "period": 3.0,
		"auto_pay": true, "name": "edge", "description": "Site to site", "enable_ipsec": true, "enable_ssl": true,
		"ssl_connections": 5.0, "region": "cn-hangzhou", "status": "active", "order_id": "42",
		"create_time": "2025-03-01T00:00:00Z", "timeouts": map[string]any{"create": "20m"},
	}
	raw, _ := json.Marshal(own)
	out, err := upgradeVpnGatewayState(context.Background(), raw, "cn-shanghai", nil)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for k, want := range own {
		if k == "timeouts" {
			continue
		}
		if got[k] != want {
			t.Errorf("%s = %v after the upgrade, want %v", k, got[k], want)
		}
	}
	if to, _ := got["timeouts"].(map[string]any); to["create"] != "20m" || len(to) < 2 {
		t.Errorf("timeouts = %v, want create kept and the other operations present as null", got["timeouts"])
	}
	if v, ok := got["tags_all"].(map[string]any); !ok || len(v) != 0 {
		t.Errorf("tags_all = %v, want the empty map a plan of no tags has", got["tags_all"])
	}
	if got["vpn_type"] != "Normal" || got["network_type"] != "public" {
		t.Errorf("vpn_type = %v, network_type = %v, want the schema's defaults", got["vpn_type"], got["network_type"])
	}
}

// The official provider's names and values map to this schema's; what fits no attribute of it
// (its create and delete timeouts block, create_time in milliseconds) is dropped. Its state names
// no region, so the gateway takes the provider's.
func TestUpgradeMapsOfficialState(t *testing.T) {
	official := `{"id":"vpn-1","vpc_id":"vpc-1","bandwidth":10,"vpn_gateway_name":"new","name":"old",
	  "payment_type":"Subscription","instance_charge_type":"PrePaid","period":12,"create_time":1764547200000,
	  "timeouts":{"create":"20m","delete":null,"read":"1m","unknown":"x"},"tags":{},"auto_propagate":true}`
	out, err := upgradeVpnGatewayState(context.Background(), []byte(official), "cn-shanghai", nil)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"name": "new", "instance_charge_type": "PREPAY", "period": 12.0,
		"create_time": nil, "timeouts": nil, "tags": nil, "auto_propagate": true, "bandwidth": 10.0, "region": "cn-shanghai"} {
		if got[k] != want {
			t.Errorf("%s = %v, want %v", k, got[k], want)
		}
	}
	if _, ok := got["payment_type"]; ok {
		t.Error("payment_type, which this schema does not have, is in the upgraded state")
	}
	tagged, _ := upgradeVpnGatewayState(context.Background(), []byte(`{"tags":{"env":"prod","team":"a"}}`), "", map[string]string{"team": "net", "owner": "ops"})
	if err := json.Unmarshal(tagged, &got); err != nil || fmt.Sprint(got["tags_all"]) != "map[env:prod owner:ops team:a]" {
		t.Errorf("tags_all = %v, want the tags over the provider's default_tags", got["tags_all"])
	}
	postpaid, _ := upgradeVpnGatewayState(context.Background(), []byte(`{"instance_charge_type":"PostPaid","period":1}`), "", nil)
	if err := json.Unmarshal(postpaid, &got); err != nil || got["instance_charge_type"] != "POSTPAY" || got["period"] != nil {
		t.Errorf("a PostPaid gateway upgrades to %v, want POSTPAY without a period", got)
	}
}
