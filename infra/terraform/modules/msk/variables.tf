variable "name" {
  description = "The cluster's name, e.g. cairn-prod-eu-west-1."
  type        = string
}

variable "kafka_version" {
  description = "The Kafka version MSK runs (the platform's clients are Kafka 4 clients; 3.7 and later brokers take them)."
  type        = string
  default     = "3.8.x"
}

variable "broker_instance_type" {
  description = "The brokers' instance type."
  type        = string
  default     = "kafka.m7g.large"
}

variable "broker_volume_gb" {
  description = "EBS storage per broker, in GB: records are claims and small chunks (packs go to S3, ADR 0025)."
  type        = number
  default     = 200
}

variable "vpc_id" {
  description = "The VPC the brokers run in."
  type        = string
}

variable "private_subnet_ids" {
  description = "Three private subnets, one broker in each."
  type        = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups whose members may connect: the EKS cluster's (services, and the gateway that agents reach the brokers through; agents never reach the brokers directly)."
  type        = list(string)
}

variable "kms_key_arn" {
  description = "The key that encrypts the brokers' storage and the SCRAM secrets."
  type        = string
}

variable "service_users" {
  description = "Kafka users of the platform (SCRAM-SHA-512): its services, and platform-admin, which modules/kafka-topics and the first ACLs are made with; their passwords are generated and kept in Secrets Manager. Agents' users are made by the tenant service at registration."
  type        = list(string)
  default     = ["tenant-service", "ingest-service", "scheduler-service", "metering-service", "recovery-service", "platform-admin"]
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
