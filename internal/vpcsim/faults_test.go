package vpcsim_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

func TestDurationJSON(t *testing.T) {
	var f vpcsim.Faults
	if err := json.Unmarshal([]byte(`{"latency":"250ms"}`), &f); err != nil || time.Duration(f.Latency) != 250*time.Millisecond {
		t.Fatalf("%v %v", err, f.Latency)
	}
	b, err := json.Marshal(vpcsim.Faults{Latency: vpcsim.Duration(2 * time.Second)})
	if err != nil || string(b) != `{"latency":"2s"}` {
		t.Fatalf("%s %v", b, err)
	}
	if err := json.Unmarshal([]byte(`{"latency":true}`), &f); err == nil {
		t.Fatal("a boolean latency was accepted")
	}
}
