variable "vpc_id" {
  description = "VPC every gateway of this module attaches to."
  type        = string

  validation {
    condition     = can(regex("^vpc-[a-z0-9]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID such as \"vpc-bp1ub1yt9cvakoelj0000\"."
  }
}

# The type is `any`, not map(object({...})): converting to an object type would silently drop an
# attribute the module does not know (a misspelt `vswitch_id`, say), and the gateway would be made
# without it. Instead the first validation refuses every unknown attribute, and locals.tf fills in
# the defaults.
variable "gateways" {
  description = <<-EOT
    The gateways to manage, by a key of your choosing (the key names the gateway unless `name` is
    set). Each is an object of the alicloud_vpn_gateway arguments it sets: `bandwidth` (required),
    `name`, `description`, `enable_ipsec`, `enable_ssl`, `ssl_connections`, `instance_charge_type`
    (default "POSTPAY"), `period`, `auto_pay`, `vswitch_id`, `disaster_recovery_vswitch_id`,
    `network_type`, `region`, `timeouts`, `tags`, `resource_group_id`, `auto_propagate` and
    `vpn_type`. Any other attribute is an error.
  EOT
  type        = any

  validation {
    condition = can(keys(var.gateways)) && alltrue([
      for g in values(var.gateways) : can(keys(g)) && length(setsubtract(keys(g), [
        "bandwidth", "name", "description", "enable_ipsec", "enable_ssl", "ssl_connections",
        "instance_charge_type", "period", "auto_pay", "vswitch_id", "disaster_recovery_vswitch_id",
        "network_type", "region", "timeouts", "tags", "resource_group_id", "auto_propagate", "vpn_type",
      ])) == 0
    ])
    error_message = "gateways must map keys to objects whose attributes are among: bandwidth, name, description, enable_ipsec, enable_ssl, ssl_connections, instance_charge_type, period, auto_pay, vswitch_id, disaster_recovery_vswitch_id, network_type, region, timeouts, tags, resource_group_id, auto_propagate, vpn_type. Check the spelling of the others: the module does not drop what it does not know."
  }

  validation {
    condition     = alltrue([for g in values(var.gateways) : contains([5, 10, 20, 50, 100], try(g.bandwidth, 0))])
    error_message = "Every gateway needs a bandwidth of 5, 10, 20, 50 or 100 (Mbit/s)."
  }

  validation {
    condition = alltrue([
      for k, g in var.gateways :
      can(regex("^\\p{L}[\\p{L}\\p{N}._-]{1,99}$", coalesce(try(g.name, null), k)))
    ])
    error_message = "Every gateway name (its name, or else its key) must be 2 to 100 characters, start with a letter, and contain only letters, digits, \".\", \"_\" and \"-\"."
  }

  validation {
    condition     = alltrue([for g in values(var.gateways) : try(g.ssl_connections, null) == null || try(g.enable_ssl, false)])
    error_message = "ssl_connections can only be set on a gateway with enable_ssl = true."
  }

  validation {
    condition     = alltrue([for g in values(var.gateways) : contains(["PREPAY", "POSTPAY"], try(g.instance_charge_type, "POSTPAY"))])
    error_message = "instance_charge_type must be \"PREPAY\" (subscription) or \"POSTPAY\" (pay-as-you-go)."
  }

  validation {
    condition = alltrue([
      for g in values(var.gateways) :
      try(g.instance_charge_type, "POSTPAY") == "PREPAY" ? contains([1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36], coalesce(try(g.period, null), 0)) : try(g.period, null) == null
    ])
    error_message = "A PREPAY gateway needs period = 1 to 9, 12, 24 or 36 (months); a POSTPAY gateway takes no period."
  }

  validation {
    condition     = alltrue([for g in values(var.gateways) : try(g.disaster_recovery_vswitch_id, null) == null || try(g.vswitch_id, null) != null])
    error_message = "disaster_recovery_vswitch_id needs vswitch_id: a dual-tunnel gateway takes two vSwitches of the VPC."
  }

  validation {
    condition     = alltrue([for g in values(var.gateways) : try(g.tags, null) == null || can(tomap(g.tags))])
    error_message = "tags must be a map of strings, such as { env = \"prod\" }."
  }
}
