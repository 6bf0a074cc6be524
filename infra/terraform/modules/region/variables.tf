variable "region" {
  description = "The region's AWS region (the provider's region, given by the root)."
  type        = string
}

variable "environment" {
  description = "The environment's name, in every resource's name (prod, staging)."
  type        = string
}

variable "availability_zones" {
  description = "Three availability zones of the region."
  type        = list(string)
}

variable "vpc_cidr" {
  description = "The VPC's address range (distinct from the other region's, so that the two may be peered)."
  type        = string
}

variable "hostname" {
  description = "The platform's public name, e.g. backup.example.com."
  type        = string
}

variable "zone_id" {
  description = "The Route 53 hosted zone of the hostname."
  type        = string
}

variable "api_allowed_cidrs" {
  description = "Addresses that may reach the Kubernetes API (operators, CI); empty for the private endpoint only."
  type        = list(string)
  default     = []
}

variable "bucket_name" {
  description = "This region's bucket (globally unique)."
  type        = string
}

variable "object_lock_mode" {
  description = "Retention mode of immutable backups' objects: GOVERNANCE or COMPLIANCE."
  type        = string
  default     = "GOVERNANCE"
}

variable "load_balancer_dns_name" {
  description = "The public load balancer the platform chart made (after its first install); null until then."
  type        = string
  default     = null
}

variable "load_balancer_zone_id" {
  description = "That load balancer's hosted zone id; null until then."
  type        = string
  default     = null
}

variable "peer_bucket_arn" {
  description = "The other region's bucket: the services read and write it too (the ingest service copies there)."
  type        = string
}

variable "peer_object_kms_key_arn" {
  description = "The other region's object key; null until that region exists."
  type        = string
  default     = null
}

variable "replicate_source_db" {
  description = "The primary's database when this is the DR region (its catalog a read replica); null in the primary."
  type        = string
  default     = null
}

variable "tenant_keys_replica_of" {
  description = "The primary's tenants' KEK when this is the DR region (replicated here); null in the primary."
  type        = string
  default     = null
}

variable "failover" {
  description = "PRIMARY or SECONDARY: the region's role in DNS failover."
  type        = string
}
