# Quickstart: two pay-as-you-go VPN gateways in one VPC, through the reusable module in
# ../modules/vpn-gateway: one for site-to-site IPsec, one that also serves SSL-VPN clients.
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

module "vpn" {
  source = "../modules/vpn-gateway"

  vpc_id = var.vpc_id
  gateways = {
    "edge-vpn" = {
      bandwidth       = 10
      description     = "Site-to-site and remote-access VPN for the quickstart"
      enable_ssl      = true
      ssl_connections = 5
    }
    "branch-ipsec" = {
      bandwidth = 10
    }
  }
}
