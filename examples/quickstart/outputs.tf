output "vpn_gateway_ids" {
  description = "ID of each gateway, by key."
  value       = module.vpn.ids
}

output "order_ids" {
  description = "Order that created each gateway, by key."
  value       = module.vpn.order_ids
}

output "internet_ips" {
  description = "Public address of each gateway, by key."
  value       = module.vpn.internet_ips
}

output "statuses" {
  description = "Status of each gateway when the apply finished, by key."
  value       = module.vpn.statuses
}
