# terraform query -generate-config-out=adopted.tf: every VPN gateway of a VPC tagged team = "network",
# with a resource block and an import block by identity for each, ready for bulk adoption.
list "alicloud_vpn_gateway" "network" {
  provider         = alicloud
  include_resource = true

  config {
    vpc_id = "vpc-bp1a2b3c4d5e6f7g8h9i0"
    tags = {
      team = "network"
    }
  }
}
