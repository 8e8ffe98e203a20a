# Terraform 1.5 and later: import a VPN gateway by its ID with an import block,
# in the provider's region. The next plan shows no changes when the resource's
# arguments match the gateway.
import {
  to = alicloud_vpn_gateway.example
  id = "vpn-bp1q8bgx4xnkm2ogj0000"
}
