variable "bucket_name" {
  description = "The region's bucket of packs, indexes and manifests (cairn.storage.regions.<region>.bucket)."
  type        = string
}

variable "kms_key_arn" {
  description = "The key objects are encrypted with (SSE-KMS, with a bucket key)."
  type        = string
}

variable "object_lock_mode" {
  description = "Default retention mode for policies marked immutable: GOVERNANCE (privileged users may shorten it) or COMPLIANCE (no one may, not even the account's root)."
  type        = string
  default     = "GOVERNANCE"
  validation {
    condition     = contains(["GOVERNANCE", "COMPLIANCE"], var.object_lock_mode)
    error_message = "object_lock_mode is GOVERNANCE or COMPLIANCE."
  }
}

variable "noncurrent_version_days" {
  description = "Days an object's overwritten or deleted versions are kept (garbage collection's deletes become noncurrent versions first)."
  type        = number
  default     = 30
}

variable "replication_destination_bucket_arn" {
  description = "A bucket this one's objects are copied to by S3 itself, for a deployment that does not let the platform replicate (its replicator copies what each policy asks); null for none."
  type        = string
  default     = null
}

variable "replication_destination_kms_key_arn" {
  description = "The key of the destination bucket's region, when replication_destination_bucket_arn is set."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
