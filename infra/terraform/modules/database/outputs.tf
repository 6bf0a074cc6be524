output "endpoint" {
  description = "host:port of the instance (cairn.db.url is jdbc:postgresql://<endpoint>/cairn?sslmode=verify-full)."
  value       = aws_db_instance.this.endpoint
}

output "arn" {
  description = "The instance, for the DR region's read replica."
  value       = aws_db_instance.this.arn
}

output "master_user_secret_arn" {
  description = "The Secrets Manager secret RDS keeps the administrator's password in (null for a replica)."
  value       = try(aws_db_instance.this.master_user_secret[0].secret_arn, null)
}
