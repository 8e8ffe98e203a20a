# A set of VPN gateways in one VPC, one per entry of var.gateways. Providers are configured by the
# caller: this module only declares which one it needs (versions.tf).

resource "alicloud_vpn_gateway" "this" {
  for_each = local.gateways

  vpc_id                       = var.vpc_id
  bandwidth                    = each.value.bandwidth
  name                         = each.value.name
  description                  = each.value.description
  enable_ipsec                 = each.value.enable_ipsec
  enable_ssl                   = each.value.enable_ssl
  ssl_connections              = each.value.ssl_connections
  instance_charge_type         = each.value.instance_charge_type
  period                       = each.value.period
  auto_pay                     = each.value.auto_pay
  vswitch_id                   = each.value.vswitch_id
  disaster_recovery_vswitch_id = each.value.disaster_recovery_vswitch_id
  network_type                 = each.value.network_type
  region                       = each.value.region
  timeouts                     = each.value.timeouts
  tags                         = each.value.tags
  resource_group_id            = each.value.resource_group_id
  auto_propagate               = each.value.auto_propagate
  vpn_type                     = each.value.vpn_type
}
