# A set of VPN gateways in one VPC, one per entry of var.gateways. Providers are configured by the
# caller: this module only declares which one it needs (versions.tf).

resource "alicloud_vpn_gateway" "this" {
  for_each = var.gateways

  vpc_id               = var.vpc_id
  bandwidth            = each.value.bandwidth
  name                 = coalesce(each.value.name, each.key)
  description          = each.value.description
  enable_ipsec         = each.value.enable_ipsec
  enable_ssl           = each.value.enable_ssl
  ssl_connections      = each.value.ssl_connections
  instance_charge_type = each.value.instance_charge_type
  period               = each.value.period
  auto_pay             = each.value.auto_pay
}
