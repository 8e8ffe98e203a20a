# Credentials come from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID and
# ALIBABA_CLOUD_ACCESS_KEY_SECRET), a profile of the Alibaba Cloud CLI, or an
# ECS RAM role; never write them into a configuration.
provider "alicloud" {
  region = "cn-hangzhou"

  # Tags on every gateway, under its own tags (a key in both takes the gateway's
  # value). Changing them updates every gateway in place.
  default_tags {
    tags = {
      cost-center = "network"
      managed-by  = "terraform"
    }
  }
}

# A second region, under an alias.
provider "alicloud" {
  alias   = "singapore"
  region  = "ap-southeast-1"
  profile = "ops" # a profile of ~/.aliyun/config.json
}

# A local endpoint such as vpcsim, the simulator this provider is tested against.
provider "alicloud" {
  alias      = "sim"
  region     = "cn-hangzhou"
  access_key = "vpcsim-access-key-id"
  secret_key = "vpcsim-access-key-secret"
  protocol   = "HTTP"

  endpoints {
    vpc = "127.0.0.1:8790"
  }
}
