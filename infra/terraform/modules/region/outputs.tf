output "cluster_name" {
  description = "The EKS cluster to install the platform chart into."
  value       = module.eks.cluster_name
}

output "kafka_bootstrap_servers" {
  description = "The chart's kafka.bootstrapServers (SASL_SSL, SCRAM-SHA-512)."
  value       = module.msk.bootstrap_brokers_sasl_scram
}

output "kafka_user_secret_arns" {
  description = "The services' SCRAM credentials in Secrets Manager, by user."
  value       = module.msk.service_user_secret_arns
}

output "database_endpoint" {
  description = "The chart's database host:port."
  value       = module.database.endpoint
}

output "database_arn" {
  description = "The catalog database (the primary's, or its replica in DR, promoted in a failover)."
  value       = module.database.arn
}

output "bucket_arn" {
  description = "This region's bucket: the other root's peer bucket."
  value       = module.objects.bucket_arn
}

output "object_kms_key_arn" {
  description = "This region's object key: the other root's peer object key."
  value       = module.kms.key_arns["objects"]
}

output "tenant_keys_kms_key_arn" {
  description = "The tenants' KEK (a replica in DR): the tenant service's cairn.keys.kms-key-id with cairn.keys.provider=kms."
  value       = module.kms.key_arns["tenant-keys"]
}

output "service_role_arns" {
  description = "The chart's serviceAccount role ARNs, by service."
  value       = module.service_roles.role_arns
}

output "certificate_arn" {
  description = "The chart's ingress certificate."
  value       = module.entry_point.certificate_arn
}

output "public_lb_security_group_id" {
  description = "The chart's ingress security group."
  value       = module.entry_point.public_lb_security_group_id
}
