# The catalog's PostgreSQL: one instance, a schema and a login role per service (docs/adr/0003; the services' Flyway
# migrations make their schemas). Encrypted, never public, TLS required, its master password kept by RDS in Secrets
# Manager (never in Terraform state). In the DR region, a cross-region read replica of the primary's.
resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.private_subnet_ids
  tags       = var.tags
}

resource "aws_db_parameter_group" "this" {
  name   = var.name
  family = "postgres${var.postgres_version}"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
  tags = var.tags
}

resource "aws_security_group" "database" {
  name        = "${var.name}-db"
  description = "The catalog database: PostgreSQL from the platform's cluster only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  for_each                     = toset(var.client_security_group_ids)
  security_group_id            = aws_security_group.database.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from the platform"
}

resource "aws_db_instance" "this" {
  identifier                      = var.name
  engine                          = var.replicate_source_db == null ? "postgres" : null
  engine_version                  = var.replicate_source_db == null ? var.postgres_version : null
  replicate_source_db             = var.replicate_source_db
  instance_class                  = var.instance_class
  allocated_storage               = var.replicate_source_db == null ? var.allocated_storage_gb : null
  max_allocated_storage           = var.max_storage_gb
  storage_type                    = "gp3"
  storage_encrypted               = true
  kms_key_id                      = var.kms_key_arn
  db_subnet_group_name            = aws_db_subnet_group.this.name
  parameter_group_name            = aws_db_parameter_group.this.name
  vpc_security_group_ids          = [aws_security_group.database.id]
  publicly_accessible             = false
  multi_az                        = var.multi_az
  username                        = var.replicate_source_db == null ? "cairn_admin" : null
  manage_master_user_password     = var.replicate_source_db == null ? true : null
  master_user_secret_kms_key_id   = var.replicate_source_db == null ? var.kms_key_arn : null
  backup_retention_period         = var.backup_retention_days
  deletion_protection             = true
  skip_final_snapshot             = false
  final_snapshot_identifier       = "${var.name}-final"
  copy_tags_to_snapshot           = true
  auto_minor_version_upgrade      = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = var.kms_key_arn
  enabled_cloudwatch_logs_exports = ["postgresql"]
  tags                            = var.tags
}
