variable "vpc_id" {
  description = "VPC every gateway of this module attaches to."
  type        = string

  validation {
    condition     = can(regex("^vpc-[a-z0-9]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID such as \"vpc-bp1ub1yt9cvakoelj0000\"."
  }
}

variable "gateways" {
  description = <<-EOT
    The gateways to manage, by a key of your choosing (the key names the gateway unless `name` is
    set). Attributes follow the alicloud_vpn_gateway resource; billing defaults to pay-as-you-go.
  EOT
  type = map(object({
    bandwidth            = number
    name                 = optional(string)
    description          = optional(string)
    enable_ipsec         = optional(bool, true)
    enable_ssl           = optional(bool, false)
    ssl_connections      = optional(number)
    instance_charge_type = optional(string, "POSTPAY")
    period               = optional(number)
    auto_pay             = optional(bool, false)
  }))

  validation {
    condition     = alltrue([for g in values(var.gateways) : contains([5, 10, 20, 50, 100], g.bandwidth)])
    error_message = "Every gateway's bandwidth must be 5, 10, 20, 50 or 100 (Mbit/s)."
  }

  validation {
    condition = alltrue([
      for k, g in var.gateways :
      can(regex("^\\p{L}[\\p{L}\\p{N}._-]{1,99}$", coalesce(g.name, k)))
    ])
    error_message = "Every gateway name (its name, or else its key) must be 2 to 100 characters, start with a letter, and contain only letters, digits, \".\", \"_\" and \"-\"."
  }

  validation {
    condition     = alltrue([for g in values(var.gateways) : g.ssl_connections == null || g.enable_ssl])
    error_message = "ssl_connections can only be set on a gateway with enable_ssl = true."
  }

  validation {
    condition     = alltrue([for g in values(var.gateways) : contains(["PREPAY", "POSTPAY"], g.instance_charge_type)])
    error_message = "instance_charge_type must be \"PREPAY\" (subscription) or \"POSTPAY\" (pay-as-you-go)."
  }

  validation {
    condition = alltrue([
      for g in values(var.gateways) :
      g.instance_charge_type == "PREPAY" ? contains([1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36], coalesce(g.period, 0)) : g.period == null
    ])
    error_message = "A PREPAY gateway needs period = 1 to 9, 12, 24 or 36 (months); a POSTPAY gateway takes no period."
  }
}
