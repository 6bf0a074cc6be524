output "bucket_name" {
  description = "The bucket."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "The bucket's ARN (for IAM policies and a peer region's replication)."
  value       = aws_s3_bucket.this.arn
}
