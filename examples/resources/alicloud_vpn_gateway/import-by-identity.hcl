# Terraform 1.12 and later, OpenTofu 1.12 and later: import a VPN gateway by its identity. region is
# optional and defaults to the provider's region.
import {
  to = alicloud_vpn_gateway.example
  identity = {
    id     = "vpn-bp1q8bgx4xnkm2ogj0000"
    region = "cn-hangzhou"
  }
}
