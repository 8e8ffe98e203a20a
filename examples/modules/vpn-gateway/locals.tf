locals {
  # var.gateways with every argument present: the module's defaults for billing and the
  # switches, null (the provider's default) for the rest.
  gateways = {
    for k, g in var.gateways : k => {
      bandwidth                    = g.bandwidth
      name                         = coalesce(try(g.name, null), k)
      description                  = try(g.description, null)
      enable_ipsec                 = try(g.enable_ipsec, true)
      enable_ssl                   = try(g.enable_ssl, false)
      ssl_connections              = try(g.ssl_connections, null)
      instance_charge_type         = try(g.instance_charge_type, "POSTPAY")
      period                       = try(g.period, null)
      auto_pay                     = try(g.auto_pay, false)
      vswitch_id                   = try(g.vswitch_id, null)
      disaster_recovery_vswitch_id = try(g.disaster_recovery_vswitch_id, null)
      network_type                 = try(g.network_type, null)
      region                       = try(g.region, null)
      timeouts                     = try(g.timeouts, null)
      tags                         = try(tomap(g.tags), null)
      resource_group_id            = try(g.resource_group_id, null)
      auto_propagate               = try(g.auto_propagate, null)
      vpn_type                     = try(g.vpn_type, null)
    }
  }
}
