package network

import (
	"testing"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// TestRegionNames: every region a network may be added in has a name in both languages.
func TestRegionNames(t *testing.T) {
	for _, id := range vpcapi.Regions {
		if names, ok := regionNames[id]; !ok || names[0] == "" || names[1] == "" {
			t.Errorf("region %s has names %q", id, names)
		}
	}
}
