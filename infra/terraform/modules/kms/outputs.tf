output "key_arns" {
  description = "Key ARN by purpose: objects, database, kafka, kubernetes, tenant-keys (a replica in the DR region)."
  value       = local.key_arns
}
