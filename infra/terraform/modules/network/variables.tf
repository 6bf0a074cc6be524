variable "name" {
  description = "Prefix of every resource's name, e.g. cairn-prod-eu-west-1."
  type        = string
}

variable "cidr" {
  description = "The VPC's address range; private subnets take its lower half, public ones a quarter."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zones" {
  description = "Three availability zones of the region: a subnet of each kind in each."
  type        = list(string)
  validation {
    condition     = length(var.availability_zones) == 3
    error_message = "Give three availability zones."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for the VPC instead of one per zone (cheaper, a zone's outage cuts egress)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
