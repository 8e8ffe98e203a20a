# Applies the module for real against vpcsim (`make module-test` starts one and exports its address
# as ALIBABA_CLOUD_ENDPOINT_VPC, with vpcsim's key pair in ALIBABA_CLOUD_ACCESS_KEY_*). Each run
# that applies keeps its state for the next; `test` destroys everything at the end.

provider "alicloud" {
  region = "cn-hangzhou"
  # vpcsim speaks plain HTTP on loopback.
  protocol = "HTTP"
  default_tags {
    tags = {
      owner = "platform"
    }
  }
}

variables {
  # vpcsim's seeded VPC in cn-hangzhou.
  vpc_id = "vpc-bp1simdefault00000001"
  gateways = {
    edge = {
      bandwidth       = 10
      description     = "site-to-site and remote access"
      enable_ssl      = true
      ssl_connections = 5
    }
    branch = {
      bandwidth = 5
      name      = "branch-office"
      # Every per-gateway argument the module takes, on a dual-tunnel gateway (vpcsim's two
      # seeded vSwitches, its second resource group).
      vswitch_id                   = "vsw-bp1simzoneh000000001"
      disaster_recovery_vswitch_id = "vsw-bp1simzonei000000001"
      network_type                 = "public"
      region                       = "cn-hangzhou"
      timeouts                     = { create = "10m" }
      tags                         = { app = "vpn", owner = "branch" }
      resource_group_id            = "rg-acfmvpcsimsecond"
      auto_propagate               = false
      vpn_type                     = "Normal"
    }
  }
}

# A misspelt or unknown attribute must fail the plan, not vanish: a gateway made without the
# vSwitch its region needs would fail at apply, or worse, succeed elsewhere.
run "rejects_an_attribute_the_module_does_not_know" {
  command = plan

  variables {
    gateways = {
      edge = { bandwidth = 10, vswich_id = "vsw-bp1simzoneh000000001" }
    }
  }

  expect_failures = [var.gateways]
}

run "rejects_a_disaster_recovery_vswitch_without_a_vswitch" {
  command = plan

  variables {
    gateways = {
      edge = { bandwidth = 10, disaster_recovery_vswitch_id = "vsw-bp1simzonei000000001" }
    }
  }

  expect_failures = [var.gateways]
}

run "rejects_a_bandwidth_the_api_does_not_sell" {
  command = plan

  variables {
    gateways = {
      odd = { bandwidth = 7 }
    }
  }

  expect_failures = [var.gateways]
}

run "rejects_ssl_connections_without_ssl" {
  command = plan

  variables {
    gateways = {
      edge = { bandwidth = 10, ssl_connections = 5 }
    }
  }

  expect_failures = [var.gateways]
}

run "rejects_prepay_without_period" {
  command = plan

  variables {
    gateways = {
      edge = { bandwidth = 10, instance_charge_type = "PREPAY" }
    }
  }

  expect_failures = [var.gateways]
}

run "rejects_a_name_that_does_not_start_with_a_letter" {
  command = plan

  variables {
    gateways = {
      "1st" = { bandwidth = 10 }
    }
  }

  expect_failures = [var.gateways]
}

run "creates_every_gateway" {
  assert {
    condition     = toset(keys(output.ids)) == toset(["edge", "branch"])
    error_message = "Expected one gateway per key of var.gateways, got ${jsonencode(output.ids)}."
  }

  assert {
    condition     = alltrue([for id in values(output.ids) : startswith(id, "vpn-")])
    error_message = "Every ID must be a VPN gateway ID (vpn-...), got ${jsonencode(output.ids)}."
  }

  assert {
    condition     = alltrue([for id in values(output.order_ids) : id != null && id != ""])
    error_message = "Every gateway must carry the order that created it, got ${jsonencode(output.order_ids)}."
  }

  assert {
    condition     = alltrue([for ip in values(output.internet_ips) : can(cidrhost("${ip}/32", 0))])
    error_message = "Every gateway must have a public IPv4 address, got ${jsonencode(output.internet_ips)}."
  }

  assert {
    condition     = alltrue([for s in values(output.statuses) : s == "active"])
    error_message = "Apply must wait until every gateway is active, got ${jsonencode(output.statuses)}."
  }

  assert {
    condition     = alicloud_vpn_gateway.this["edge"].name == "edge" && alicloud_vpn_gateway.this["branch"].name == "branch-office"
    error_message = "A gateway is named after its key unless it sets a name."
  }

  assert {
    condition     = alicloud_vpn_gateway.this["edge"].enable_ssl && alicloud_vpn_gateway.this["edge"].ssl_connections == 5
    error_message = "The edge gateway must have SSL-VPN with 5 connections."
  }

  assert {
    condition = (
      alicloud_vpn_gateway.this["branch"].vswitch_id == "vsw-bp1simzoneh000000001" &&
      alicloud_vpn_gateway.this["branch"].disaster_recovery_vswitch_id == "vsw-bp1simzonei000000001" &&
      alicloud_vpn_gateway.this["branch"].network_type == "public" &&
      alicloud_vpn_gateway.this["branch"].region == "cn-hangzhou" &&
      alicloud_vpn_gateway.this["branch"].timeouts.create == "10m" &&
      alicloud_vpn_gateway.this["branch"].auto_propagate == false &&
      alicloud_vpn_gateway.this["branch"].vpn_type == "Normal"
    )
    error_message = "The branch gateway must carry every argument its entry sets."
  }

  assert {
    condition     = output.resource_group_ids["branch"] == "rg-acfmvpcsimsecond"
    error_message = "The branch gateway must be in the resource group its entry names, got ${jsonencode(output.resource_group_ids)}."
  }

  assert {
    condition     = output.tags_all["branch"] == tomap({ app = "vpn", owner = "branch" }) && output.tags_all["edge"] == tomap({ owner = "platform" })
    error_message = "A gateway's own tags go over the provider's default_tags, got ${jsonencode(output.tags_all)}."
  }
}

# OpenTofu evaluates `run.<name>` only in variables (and knows only the latest run), not in
# assertions; so the ID the edge gateway got in the previous run goes into its description (an
# in-place change), and "not replaced" reads as "its ID still equals its description".
run "renames_in_place" {
  variables {
    gateways = {
      edge = {
        bandwidth       = 10
        name            = "edge-renamed"
        description     = run.creates_every_gateway.ids["edge"]
        enable_ssl      = true
        ssl_connections = 5
      }
      branch = {
        bandwidth = 5
        name      = "branch-office"
      }
    }
  }

  assert {
    condition     = alicloud_vpn_gateway.this["edge"].id == alicloud_vpn_gateway.this["edge"].description
    error_message = "A rename must keep the gateway (an in-place update), not replace it."
  }

  assert {
    condition     = alicloud_vpn_gateway.this["edge"].name == "edge-renamed"
    error_message = "The edge gateway must carry its new name."
  }
}

run "removes_a_gateway_dropped_from_the_map" {
  variables {
    gateways = {
      edge = {
        bandwidth       = 10
        name            = "edge-renamed"
        description     = run.renames_in_place.ids["edge"]
        enable_ssl      = true
        ssl_connections = 5
      }
    }
  }

  assert {
    condition     = keys(output.ids) == ["edge"]
    error_message = "Dropping a key must destroy that gateway, got ${jsonencode(output.ids)}."
  }

  assert {
    condition     = output.ids["edge"] == alicloud_vpn_gateway.this["edge"].description
    error_message = "Dropping another key must leave the edge gateway as it was."
  }
}

# Last, and with no run.<name> reference on purpose: OpenTofu 1.12 tears a file down with the last
# run's variables, and when those refer to an earlier run it silently skips the teardown, leaving
# the gateways behind (`make module-test` fails on such a leak).
run "destroys_every_gateway_when_the_map_is_empty" {
  variables {
    gateways = {}
  }

  assert {
    condition     = length(output.ids) == 0
    error_message = "An empty map must leave no gateway, got ${jsonencode(output.ids)}."
  }
}
