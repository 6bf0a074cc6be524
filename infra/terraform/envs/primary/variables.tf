variable "environment" {
  description = "The environment's name, in every resource's name (prod, staging)."
  type        = string
}

variable "region" {
  description = "This root's AWS region: the primary, where the services run and the catalog is written."
  type        = string
  default     = "eu-west-1"
}

variable "availability_zones" {
  description = "Three availability zones of the region."
  type        = list(string)
  default     = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
}

variable "vpc_cidr" {
  description = "The VPC's address range (distinct from the DR region's, so that the two may be peered)."
  type        = string
  default     = "10.40.0.0/16"
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

variable "dr_bucket_arn" {
  description = "The DR region's bucket (arn:aws:s3:::<its name>; known before the DR root is applied): the ingest service copies there."
  type        = string
}

variable "dr_object_kms_key_arn" {
  description = "The DR region's object key (its root's output object_kms_key_arn); null on the first apply, before the DR root exists."
  type        = string
  default     = null
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
