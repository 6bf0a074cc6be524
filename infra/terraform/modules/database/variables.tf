variable "name" {
  description = "The instance's identifier, e.g. cairn-prod-eu-west-1."
  type        = string
}

variable "postgres_version" {
  description = "The PostgreSQL major version (the local platform runs 17)."
  type        = string
  default     = "17"
}

variable "instance_class" {
  description = "The instance class."
  type        = string
  default     = "db.m7g.large"
}

variable "allocated_storage_gb" {
  description = "Storage to start with, in GB (grows on its own up to max_storage_gb)."
  type        = number
  default     = 100
}

variable "max_storage_gb" {
  description = "The most storage autoscaling may grow to, in GB."
  type        = number
  default     = 1000
}

variable "vpc_id" {
  description = "The VPC the instance runs in."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the instance (and its standby in another zone)."
  type        = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups whose members may connect: the EKS cluster's."
  type        = list(string)
}

variable "kms_key_arn" {
  description = "The key that encrypts storage, snapshots and Performance Insights."
  type        = string
}

variable "multi_az" {
  description = "A synchronous standby in another zone."
  type        = bool
  default     = true
}

variable "replicate_source_db" {
  description = "ARN of the primary region's instance when this one is its cross-region read replica (the DR region); null for a primary."
  type        = string
  default     = null
}

variable "backup_retention_days" {
  description = "Days of automated backups and point-in-time recovery."
  type        = number
  default     = 14
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
