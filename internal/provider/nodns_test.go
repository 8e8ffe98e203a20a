package provider

import (
	"os"

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/nodns"
)

// No test of this package may send a DNS query off this machine (see the unknown-host tests),
// except against the real cloud, whose endpoint has to be resolved.
func init() {
	if os.Getenv(envAccReal) != "1" {
		nodns.Install()
	}
}
