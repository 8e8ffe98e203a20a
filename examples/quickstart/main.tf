# Quickstart: one pay-as-you-go VPN gateway with IPsec and SSL-VPN.
#
# `make demo` applies this against vpcsim, the local simulator, with no account. To apply it to the
# real cloud instead, leave `vpc_endpoint` unset, set `vpc_id` to one of your VPCs and export
# ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET: a gateway is billed by the hour.

terraform {
  required_version = ">= 1.5"
  required_providers {
    alicloud = {
      source = "vpngw/alicloud"
    }
  }
}

provider "alicloud" {
  region = var.region

  # null leaves the SDK's own endpoint for the region (vpc.<region>.aliyuncs.com) in place.
  endpoints {
    vpc = var.vpc_endpoint
  }
  protocol = var.vpc_endpoint == null ? "HTTPS" : "HTTP"
}

resource "alicloud_vpn_gateway" "main" {
  vpc_id          = var.vpc_id
  bandwidth       = 10
  name            = "edge-vpn"
  description     = "Site-to-site and remote-access VPN for the quickstart"
  enable_ssl      = true
  ssl_connections = 5
}
