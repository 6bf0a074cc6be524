variable "data_partitions" {
  description = "Partitions of the data topic cairn.data.v1 (ingest instances consume at most one partition each)."
  type        = number
  default     = 24
}

variable "data_retention_hours" {
  description = "How long records of the data topic are kept: enough for ingest to be down this long and lose nothing."
  type        = number
  default     = 72
}

variable "usage_partitions" {
  description = "Partitions of the usage topic cairn.usage.v1."
  type        = number
  default     = 6
}
