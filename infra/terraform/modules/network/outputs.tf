output "vpc_id" {
  description = "The VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "The VPC's address range (what security groups allow from inside)."
  value       = aws_vpc.this.cidr_block
}

output "private_subnet_ids" {
  description = "The three private subnets: EKS nodes, MSK brokers, the database."
  value       = aws_subnet.private[*].id
}

output "public_subnet_ids" {
  description = "The three public subnets: the public load balancer and the NAT gateways only."
  value       = aws_subnet.public[*].id
}
