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
