terraform {
  # Optional object attributes with defaults need 1.3; import blocks in callers need 1.5.
  required_version = ">= 1.5"

  required_providers {
    alicloud = {
      source = "vpngw/alicloud"
    }
  }
}
