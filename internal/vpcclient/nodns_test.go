package vpcclient

import "github.com/vpngw/terraform-provider-alicloud/internal/tooling/nodns"

// No test of this package may send a DNS query off this machine (see the unknown-host tests).
func init() { nodns.Install() }
