# Every active VPN gateway of a VPC that carries the tag env = "prod".
data "alicloud_vpn_gateways" "prod" {
  vpc_id = "vpc-bp1a2b3c4d5e6f7g8h9i0"
  status = "active"
  tags = {
    env = "prod"
  }
}

output "prod_gateway_ips" {
  value = { for gw in data.alicloud_vpn_gateways.prod.gateways : gw.name => gw.internet_ip }
}
