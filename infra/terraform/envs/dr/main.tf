# The DR region: tenants' copies land here, the catalog follows the primary's as a read replica, and the services
# stand by until a failover (docs/operations.md).
provider "aws" {
  region = var.region
  default_tags {
    tags = local.tags
  }
}

# Topics are made once MSK exists (terraform apply -target=module.region.module.msk first; README.md).
provider "kafka" {
  bootstrap_servers = module.region.kafka_bootstrap_servers == null ? [] : split(",", module.region.kafka_bootstrap_servers)
  tls_enabled       = true
  sasl_mechanism    = "scram-sha512"
  sasl_username     = "platform-admin"
  sasl_password     = var.kafka_admin_password
}

locals {
  tags = { Project = "cairn", Environment = var.environment, Role = "dr" }
}

module "region" {
  source                  = "../../modules/region"
  region                  = var.region
  environment             = var.environment
  availability_zones      = var.availability_zones
  vpc_cidr                = var.vpc_cidr
  hostname                = var.hostname
  zone_id                 = var.zone_id
  api_allowed_cidrs       = var.api_allowed_cidrs
  bucket_name             = var.bucket_name
  object_lock_mode        = var.object_lock_mode
  load_balancer_dns_name  = var.load_balancer_dns_name
  load_balancer_zone_id   = var.load_balancer_zone_id
  peer_bucket_arn         = var.primary_bucket_arn
  peer_object_kms_key_arn = var.primary_object_kms_key_arn
  replicate_source_db     = var.primary_database_arn
  tenant_keys_replica_of  = var.primary_tenant_keys_kms_key_arn
  failover                = "SECONDARY"
}
