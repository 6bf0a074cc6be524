output "bootstrap_brokers_sasl_scram" {
  description = "Bootstrap servers for SASL_SSL/SCRAM clients (cairn.kafka.bootstrap-servers)."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_scram
}

output "service_user_secret_arns" {
  description = "Secrets Manager ARN of each service's SCRAM credentials, by user."
  value       = { for user, s in aws_secretsmanager_secret.service : user => s.arn }
}

output "cluster_arn" {
  description = "The MSK cluster."
  value       = aws_msk_cluster.this.arn
}
