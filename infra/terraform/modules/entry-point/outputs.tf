output "certificate_arn" {
  description = "The validated certificate, for the platform chart's Ingress (alb.ingress.kubernetes.io/certificate-arn)."
  value       = aws_acm_certificate_validation.this.certificate_arn
}

output "public_lb_security_group_id" {
  description = "The public load balancer's security group (alb.ingress.kubernetes.io/security-groups)."
  value       = aws_security_group.public_lb.id
}
