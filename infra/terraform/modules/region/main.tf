# One region of the platform, primary or DR (envs/primary, envs/dr): network, keys, Kubernetes, Kafka and its topics,
# the catalog's database (a cross-region replica in DR), the region's bucket, the services' roles, the entry point.
locals {
  name = "cairn-${var.environment}-${var.region}"
}

module "network" {
  source             = "../network"
  name               = local.name
  cidr               = var.vpc_cidr
  availability_zones = var.availability_zones
}

module "kms" {
  source                 = "../kms"
  name                   = local.name
  tenant_keys_replica_of = var.tenant_keys_replica_of
}

module "eks" {
  source              = "../eks"
  name                = local.name
  vpc_id              = module.network.vpc_id
  private_subnet_ids  = module.network.private_subnet_ids
  api_allowed_cidrs   = var.api_allowed_cidrs
  secrets_kms_key_arn = module.kms.key_arns["kubernetes"]
}

module "msk" {
  source                    = "../msk"
  name                      = local.name
  vpc_id                    = module.network.vpc_id
  private_subnet_ids        = module.network.private_subnet_ids
  client_security_group_ids = [module.eks.cluster_security_group_id]
  kms_key_arn               = module.kms.key_arns["kafka"]
}

module "topics" {
  source = "../kafka-topics"
}

module "database" {
  source                    = "../database"
  name                      = local.name
  vpc_id                    = module.network.vpc_id
  private_subnet_ids        = module.network.private_subnet_ids
  client_security_group_ids = [module.eks.cluster_security_group_id]
  kms_key_arn               = module.kms.key_arns["database"]
  replicate_source_db       = var.replicate_source_db
}

module "objects" {
  source           = "../object-storage"
  bucket_name      = var.bucket_name
  kms_key_arn      = module.kms.key_arns["objects"]
  object_lock_mode = var.object_lock_mode
}

module "service_roles" {
  source                  = "../service-roles"
  name                    = local.name
  oidc_provider_arn       = module.eks.oidc_provider_arn
  oidc_issuer             = module.eks.oidc_issuer
  bucket_arns             = [module.objects.bucket_arn, var.peer_bucket_arn]
  object_kms_key_arns     = compact([module.kms.key_arns["objects"], var.peer_object_kms_key_arn])
  tenant_keys_kms_key_arn = module.kms.key_arns["tenant-keys"]
}

module "entry_point" {
  source                 = "../entry-point"
  name                   = local.name
  vpc_id                 = module.network.vpc_id
  zone_id                = var.zone_id
  hostname               = var.hostname
  load_balancer_dns_name = var.load_balancer_dns_name
  load_balancer_zone_id  = var.load_balancer_zone_id
  health_check_failover  = var.failover
}
