# An optional lookup of one gateway of the VPC that this module does not manage (made in the
# console, or by another team's configuration), so that a caller can reference it next to the
# gateways the module makes. The data source fails the plan unless exactly one gateway matches.

variable "existing_gateway_name" {
  description = "Name of a gateway of vpc_id, in the provider's region, to look up (null: no lookup). Its attributes are in the existing_gateway output."
  type        = string
  default     = null
}

data "alicloud_vpn_gateway" "existing" {
  count      = var.existing_gateway_name == null ? 0 : 1
  vpc_id     = var.vpc_id
  name_regex = "^${replace(var.existing_gateway_name, ".", "\\.")}$"
}

output "existing_gateway" {
  description = "The gateway named existing_gateway_name, with every attribute of alicloud_vpn_gateway's data source; null without a lookup."
  value       = one(data.alicloud_vpn_gateway.existing[*])
}
