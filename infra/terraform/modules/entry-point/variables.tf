variable "name" {
  description = "Prefix of the resources' names, e.g. cairn-prod-eu-west-1."
  type        = string
}

variable "vpc_id" {
  description = "The VPC of the public load balancer."
  type        = string
}

variable "zone_id" {
  description = "The Route 53 hosted zone of the platform's domain."
  type        = string
}

variable "hostname" {
  description = "The platform's public name (portal, API, agents' endpoint), e.g. backup.example.com."
  type        = string
}

variable "load_balancer_dns_name" {
  description = "The DNS name of the load balancer the platform chart's Ingress made (known after the chart is installed); null until then."
  type        = string
  default     = null
}

variable "load_balancer_zone_id" {
  description = "That load balancer's hosted zone id; null until then."
  type        = string
  default     = null
}

variable "health_check_failover" {
  description = "PRIMARY or SECONDARY: the region's role in DNS failover between the two regions."
  type        = string
  default     = "PRIMARY"
  validation {
    condition     = contains(["PRIMARY", "SECONDARY"], var.health_check_failover)
    error_message = "health_check_failover is PRIMARY or SECONDARY."
  }
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
