package bench

import (
	"strings"
	"testing"
	"time"
)

// A -json UI stream as Terraform 1.11 writes it for an apply of two gateways, one of which fails.
const applyStream = `{"@level":"info","@message":"Terraform 1.11.4","@module":"terraform.ui","@timestamp":"2026-11-25T19:40:01.000000Z","terraform":"1.11.4","type":"version","ui":"1.2"}
{"@level":"info","@message":"alicloud_vpn_gateway.bench[0]: Plan to create","@module":"terraform.ui","@timestamp":"2026-11-25T19:40:01.100000Z","change":{"resource":{"addr":"alicloud_vpn_gateway.bench[0]"},"action":"create"},"type":"planned_change"}
{"@level":"info","@message":"alicloud_vpn_gateway.bench[0]: Creating...","@module":"terraform.ui","@timestamp":"2026-11-25T19:40:01.200000Z","hook":{"resource":{"addr":"alicloud_vpn_gateway.bench[0]"},"action":"create"},"type":"apply_start"}
{"@level":"info","@message":"alicloud_vpn_gateway.bench[0]: Creation complete after 6s [id=vpn-bp1aaa]","@module":"terraform.ui","@timestamp":"2026-11-25T19:40:07.250000+00:00","hook":{"resource":{"addr":"alicloud_vpn_gateway.bench[0]","resource_type":"alicloud_vpn_gateway"},"action":"create","id_key":"id","id_value":"vpn-bp1aaa","elapsed_seconds":6},"type":"apply_complete"}
{"@level":"warn","@message":"Warning: something","@module":"terraform.ui","@timestamp":"2026-11-25T19:40:07.300000Z","diagnostic":{"severity":"warning","summary":"something","detail":""},"type":"diagnostic"}
{"@level":"error","@message":"Error: creating VPN Gateway","@module":"terraform.ui","@timestamp":"2026-11-25T19:40:08.000000Z","diagnostic":{"severity":"error","summary":"creating VPN Gateway","detail":"CreateVpnGateway answered HTTP 400 Throttling.User: Request was denied due to user flow control."},"type":"diagnostic"}
{"@level":"info","@message":"Apply complete! Resources: 1 added, 0 changed, 0 destroyed.","@module":"terraform.ui","@timestamp":"2026-11-25T19:40:08.100000Z","changes":{"add":1,"change":0,"import":0,"remove":0,"operation":"apply"},"type":"change_summary"}
`

func TestParseUIStream(t *testing.T) {
	s, err := parseUIStream(strings.NewReader(applyStream))
	if err != nil {
		t.Fatal(err)
	}
	if s.Lines != 7 || len(s.Completed) != 1 || s.Warnings != 1 || len(s.Errors) != 1 {
		t.Fatalf("%+v", s)
	}
	c := s.Completed[0]
	want := time.Date(2026, 11, 25, 19, 40, 7, 250_000_000, time.UTC)
	if c.Addr != "alicloud_vpn_gateway.bench[0]" || c.Action != "create" || c.ID != "vpn-bp1aaa" || !c.At.Equal(want) {
		t.Fatalf("%+v", c)
	}
	if s.Changes == nil || s.Changes.Add != 1 || s.Changes.Operation != "apply" {
		t.Fatalf("changes %+v", s.Changes)
	}
	if n := throttlingErrors(s.Errors); n != 1 {
		t.Fatalf("%d throttling errors in %q", n, s.Errors)
	}
	if n := throttlingErrors([]string{"creating VPN Gateway: InvalidVpcId.NotFound"}); n != 0 {
		t.Fatalf("%d", n)
	}
}

func TestParseUIStreamRefusesWhatIsNotJSON(t *testing.T) {
	if _, err := parseUIStream(strings.NewReader(applyStream + "Error: plain text\n")); err == nil || !strings.Contains(err.Error(), "line 8") {
		t.Fatalf("err %v", err)
	}
}
