variable "environment" {
  description = "The environment's name, in every resource's name (prod, staging)."
  type        = string
}

variable "region" {
  description = "This root's AWS region: disaster recovery, a standby of the primary's services, a copy of every tenant's objects, a read replica of the catalog."
  type        = string
  default     = "us-east-1"
}

variable "availability_zones" {
  description = "Three availability zones of the region."
  type        = list(string)
  default     = ["us-east-1a", "us-east-1b", "us-east-1c"]
}

variable "vpc_cidr" {
  description = "The VPC's address range (distinct from the primary region's, so that the two may be peered)."
  type        = string
  default     = "10.41.0.0/16"
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

variable "primary_bucket_arn" {
  description = "The primary region's bucket (its root's output bucket_arn): the DR services read and write it while the primary runs."
  type        = string
}

variable "primary_object_kms_key_arn" {
  description = "The primary region's object key (its root's output object_kms_key_arn)."
  type        = string
}

variable "primary_database_arn" {
  description = "The primary region's database (its root's output database_arn): the catalog's read replica here follows it, and is promoted in a failover."
  type        = string
}

variable "primary_tenant_keys_kms_key_arn" {
  description = "The primary region's tenants' KEK (its root's output tenant_keys_kms_key_arn, a multi-region key): replicated here."
  type        = string
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

variable "kafka_admin_password" {
  description = "platform-admin's SCRAM password (module.msk's secret), for the Kafka provider that makes the topics."
  type        = string
  sensitive   = true
  default     = null
}
