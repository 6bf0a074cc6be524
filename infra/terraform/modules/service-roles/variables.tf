variable "name" {
  description = "Prefix of the roles' names, e.g. cairn-prod-eu-west-1."
  type        = string
}

variable "namespace" {
  description = "The Kubernetes namespace the platform chart is installed in."
  type        = string
  default     = "cairn"
}

variable "oidc_provider_arn" {
  description = "The EKS cluster's OIDC provider."
  type        = string
}

variable "oidc_issuer" {
  description = "The EKS cluster's OIDC issuer, without https://."
  type        = string
}

variable "bucket_arns" {
  description = "Every region's bucket (the ingest service writes the home region's and copies to the DR region's)."
  type        = list(string)
}

variable "object_kms_key_arns" {
  description = "The buckets' keys, in every region."
  type        = list(string)
}

variable "tenant_keys_kms_key_arn" {
  description = "The key-encryption key of tenants' data keys (the tenant service wraps and unwraps with it)."
  type        = string
}

variable "tags" {
  description = "Tags on every role."
  type        = map(string)
  default     = {}
}
