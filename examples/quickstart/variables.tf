variable "region" {
  description = "Region of the VPC and the gateway."
  type        = string
  default     = "cn-hangzhou"
}

variable "vpc_id" {
  description = "VPC to attach the gateway to. The default is vpcsim's seeded VPC in cn-hangzhou."
  type        = string
  default     = "vpc-bp1simdefault00000001"
}

variable "vpc_endpoint" {
  description = "host:port of a VPC API endpoint to use instead of Alibaba Cloud's (vpcsim's address for the demo)."
  type        = string
  default     = null
}
