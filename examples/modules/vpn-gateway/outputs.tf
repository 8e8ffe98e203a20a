output "ids" {
  description = "Gateway IDs by key."
  value       = { for k, g in alicloud_vpn_gateway.this : k => g.id }
}

output "order_ids" {
  description = "ID of the order that created each gateway, by key (a PREPAY order without auto_pay waits for payment under this ID)."
  value       = { for k, g in alicloud_vpn_gateway.this : k => g.order_id }
}

output "internet_ips" {
  description = "Public IP address of each gateway, by key."
  value       = { for k, g in alicloud_vpn_gateway.this : k => g.internet_ip }
}

output "statuses" {
  description = "Status of each gateway when the apply finished, by key (\"active\" once provisioned)."
  value       = { for k, g in alicloud_vpn_gateway.this : k => g.status }
}

output "tags_all" {
  description = "Every tag of each gateway, by key: its own tags merged over the provider's default_tags."
  value       = { for k, g in alicloud_vpn_gateway.this : k => g.tags_all }
}

output "resource_group_ids" {
  description = "Resource group of each gateway, by key."
  value       = { for k, g in alicloud_vpn_gateway.this : k => g.resource_group_id }
}
