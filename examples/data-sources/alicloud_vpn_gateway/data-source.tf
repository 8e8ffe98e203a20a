# The one VPN gateway of a VPC named edge-vpn; anything but exactly one match is an error.
data "alicloud_vpn_gateway" "edge" {
  vpc_id     = "vpc-bp1a2b3c4d5e6f7g8h9i0"
  name_regex = "^edge-vpn$"
}

output "edge_gateway" {
  value = {
    id          = data.alicloud_vpn_gateway.edge.id
    internet_ip = data.alicloud_vpn_gateway.edge.internet_ip
    tags        = data.alicloud_vpn_gateway.edge.tags_all
  }
}
