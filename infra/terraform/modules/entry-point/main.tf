# The only way in from the internet: HTTPS to the public load balancer (the AWS Load Balancer Controller makes it from
# the platform chart's Ingress and attaches this security group), with a certificate validated through Route 53, and
# a DNS failover record per region.
resource "aws_acm_certificate" "this" {
  domain_name       = var.hostname
  validation_method = "DNS"
  lifecycle {
    create_before_destroy = true
  }
  tags = var.tags
}

resource "aws_route53_record" "validation" {
  for_each = {
    for o in aws_acm_certificate.this.domain_validation_options : o.domain_name => o
  }
  zone_id         = var.zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "this" {
  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = [for r in aws_route53_record.validation : r.fqdn]
}

resource "aws_security_group" "public_lb" {
  name        = "${var.name}-public-lb"
  description = "The public load balancer: HTTPS from anywhere, the one exception to private-only ingress"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "public_lb_https" {
  security_group_id = aws_security_group.public_lb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS: portal, API, agents"
}

resource "aws_vpc_security_group_ingress_rule" "public_lb_https_v6" {
  security_group_id = aws_security_group.public_lb.id
  cidr_ipv6         = "::/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS over IPv6"
}

resource "aws_vpc_security_group_egress_rule" "public_lb_to_vpc" {
  security_group_id = aws_security_group.public_lb.id
  cidr_ipv4         = data.aws_vpc.this.cidr_block
  ip_protocol       = "tcp"
  from_port         = 1024
  to_port           = 65535
  description       = "To the gateway's pods"
}

data "aws_vpc" "this" {
  id = var.vpc_id
}

resource "aws_route53_health_check" "this" {
  count             = var.load_balancer_dns_name == null ? 0 : 1
  fqdn              = var.load_balancer_dns_name
  type              = "HTTPS"
  port              = 443
  resource_path     = "/api/v1/status"
  failure_threshold = 3
  request_interval  = 30
  tags              = var.tags
}

resource "aws_route53_record" "this" {
  count           = var.load_balancer_dns_name == null ? 0 : 1
  zone_id         = var.zone_id
  name            = var.hostname
  type            = "A"
  set_identifier  = var.name
  health_check_id = aws_route53_health_check.this[0].id
  failover_routing_policy {
    type = var.health_check_failover
  }
  alias {
    name                   = var.load_balancer_dns_name
    zone_id                = var.load_balancer_zone_id
    evaluate_target_health = true
  }
}
