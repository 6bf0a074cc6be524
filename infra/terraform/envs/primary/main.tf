# The primary region: the services run here, the catalog is written here, tenants' home-region objects land here.
provider "aws" {
  region = var.region
  default_tags {
    tags = local.tags
  }
}

# Topics are made once MSK exists (terraform apply -target=module.msk first; README.md).
provider "kafka" {
  bootstrap_servers = module.msk.bootstrap_brokers_sasl_scram == null ? [] : split(",", module.msk.bootstrap_brokers_sasl_scram)
  tls_enabled       = true
  sasl_mechanism    = "scram-sha512"
  sasl_username     = "platform-admin"
  sasl_password     = var.kafka_admin_password
}

locals {
  name = "cairn-${var.environment}-${var.region}"
  tags = { Project = "cairn", Environment = var.environment, Role = "primary" }
}

module "network" {
  source             = "../../modules/network"
  name               = local.name
  cidr               = var.vpc_cidr
  availability_zones = var.availability_zones
}

module "kms" {
  source = "../../modules/kms"
  name   = local.name
}

module "eks" {
  source              = "../../modules/eks"
  name                = local.name
  vpc_id              = module.network.vpc_id
  private_subnet_ids  = module.network.private_subnet_ids
  api_allowed_cidrs   = var.api_allowed_cidrs
  secrets_kms_key_arn = module.kms.key_arns["kubernetes"]
}

module "msk" {
  source                    = "../../modules/msk"
  name                      = local.name
  vpc_id                    = module.network.vpc_id
  private_subnet_ids        = module.network.private_subnet_ids
  client_security_group_ids = [module.eks.cluster_security_group_id]
  kms_key_arn               = module.kms.key_arns["kafka"]
}

module "topics" {
  source = "../../modules/kafka-topics"
}

module "database" {
  source                    = "../../modules/database"
  name                      = local.name
  vpc_id                    = module.network.vpc_id
  private_subnet_ids        = module.network.private_subnet_ids
  client_security_group_ids = [module.eks.cluster_security_group_id]
  kms_key_arn               = module.kms.key_arns["database"]
}

module "objects" {
  source           = "../../modules/object-storage"
  bucket_name      = var.bucket_name
  kms_key_arn      = module.kms.key_arns["objects"]
  object_lock_mode = var.object_lock_mode
}

module "service_roles" {
  source                  = "../../modules/service-roles"
  name                    = local.name
  oidc_provider_arn       = module.eks.oidc_provider_arn
  oidc_issuer             = module.eks.oidc_issuer
  bucket_arns             = [module.objects.bucket_arn, var.dr_bucket_arn]
  object_kms_key_arns     = compact([module.kms.key_arns["objects"], var.dr_object_kms_key_arn])
  tenant_keys_kms_key_arn = module.kms.key_arns["tenant-keys"]
}

module "entry_point" {
  source                 = "../../modules/entry-point"
  name                   = local.name
  vpc_id                 = module.network.vpc_id
  zone_id                = var.zone_id
  hostname               = var.hostname
  load_balancer_dns_name = var.load_balancer_dns_name
  load_balancer_zone_id  = var.load_balancer_zone_id
  health_check_failover  = "PRIMARY"
}
