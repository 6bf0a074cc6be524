output "role_arns" {
  description = "Role ARN by service, for the platform chart's serviceAccount annotations (eks.amazonaws.com/role-arn)."
  value       = { for service, role in aws_iam_role.service : service => role.arn }
}
