output "vpn_gateway_id" {
  description = "ID of the gateway."
  value       = alicloud_vpn_gateway.main.id
}

output "order_id" {
  description = "Order that created the gateway."
  value       = alicloud_vpn_gateway.main.order_id
}

output "internet_ip" {
  description = "Public address of the gateway."
  value       = alicloud_vpn_gateway.main.internet_ip
}

output "status" {
  description = "Status when the apply finished."
  value       = alicloud_vpn_gateway.main.status
}
