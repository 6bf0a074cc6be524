variable "name" {
  description = "The cluster's name, e.g. cairn-prod-eu-west-1."
  type        = string
}

variable "kubernetes_version" {
  description = "The EKS Kubernetes version (minor), e.g. 1.31."
  type        = string
  default     = "1.31"
}

variable "vpc_id" {
  description = "The VPC the cluster runs in."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the nodes and the control plane's interfaces."
  type        = list(string)
}

variable "api_allowed_cidrs" {
  description = "Addresses that may reach the Kubernetes API's public endpoint (operators, CI); empty: private endpoint only."
  type        = list(string)
  default     = []
}

variable "secrets_kms_key_arn" {
  description = "The KMS key that encrypts Kubernetes Secrets in etcd."
  type        = string
}

variable "node_instance_types" {
  description = "Instance types of the managed node group (arm64 Graviton by default: the images are multi-arch)."
  type        = list(string)
  default     = ["m7g.large"]
}

variable "node_ami_type" {
  description = "The node group's AMI type (AL2023_ARM_64_STANDARD for Graviton, AL2023_x86_64_STANDARD otherwise)."
  type        = string
  default     = "AL2023_ARM_64_STANDARD"
}

variable "node_min" {
  description = "Fewest nodes."
  type        = number
  default     = 3
}

variable "node_max" {
  description = "Most nodes (the services' HPAs scale within them)."
  type        = number
  default     = 9
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
