# A pay-as-you-go gateway for site-to-site (IPsec) and remote-access (SSL)
# connections. Creation waits until the gateway is active, a few minutes.
resource "alicloud_vpn_gateway" "example" {
  vpc_id      = "vpc-bp1ub1yt9cvakoelj0000"
  bandwidth   = 10 # Mbit/s: 5, 10, 20, 50 or 100; changing it replaces the gateway
  name        = "edge-vpn"
  description = "Offices and remote staff"

  enable_ipsec    = true # the default
  enable_ssl      = true
  ssl_connections = 5 # only with enable_ssl = true

  # Changed in place. Tags are merged over the provider's default_tags into
  # tags_all; the resource group is the account's default one when unset.
  tags = {
    env  = "prod"
    team = "network"
  }
  resource_group_id = "rg-acfmxazb4ph6aiy"
  auto_propagate    = true

  timeouts = {
    create = "20m"
  }
}

# A one-year subscription, paid from the account's balance at creation. The API
# refuses to release it before the year ends: destroy then only forgets it.
resource "alicloud_vpn_gateway" "subscription" {
  vpc_id               = "vpc-bp1ub1yt9cvakoelj0000"
  bandwidth            = 20
  instance_charge_type = "PREPAY"
  period               = 12
  auto_pay             = true

  # Regions with dual-tunnel IPsec-VPN need two vSwitches in different zones.
  vswitch_id                   = "vsw-bp1hzonei0000000000000"
  disaster_recovery_vswitch_id = "vsw-bp1hzonej0000000000000"
}
