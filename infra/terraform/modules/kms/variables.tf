variable "name" {
  description = "Prefix of the keys' aliases, e.g. cairn-prod-eu-west-1."
  type        = string
}

variable "deletion_window_days" {
  description = "Days a key scheduled for deletion can still be cancelled (7 to 30)."
  type        = number
  default     = 30
}

variable "tenant_keys_replica_of" {
  description = "The primary region's tenant-keys key (multi-region) when this is the DR region: its replica is made here; null in the primary."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags on every key."
  type        = map(string)
  default     = {}
}
