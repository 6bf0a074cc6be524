# A customer-managed key per purpose, rotated yearly: a key's policy can then be narrowed to the services of that
# purpose, and a key's deletion touches one kind of data only.
locals {
  purposes = {
    "objects"     = "Packs, indexes and manifests in the region's bucket (SSE-KMS)"
    "database"    = "The catalog databases (RDS storage, snapshots, Performance Insights)"
    "kafka"       = "MSK storage and the SCRAM secrets of Kafka users"
    "kubernetes"  = "Kubernetes Secrets in etcd (EKS envelope encryption)"
    "tenant-keys" = "The key-encryption key that wraps each tenant's data keys (cairn.keys.provider=kms, cairn.keys.kms-key-id)"
  }
}

resource "aws_kms_key" "this" {
  for_each                = { for purpose, text in local.purposes : purpose => text if !(purpose == "tenant-keys" && var.tenant_keys_replica_of != null) }
  description             = "${var.name}: ${each.value}"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_days
  # the tenants' KEK is one key in both regions: a recovery in the DR region unwraps what the primary wrapped
  multi_region = each.key == "tenant-keys"
  tags         = merge(var.tags, { Purpose = each.key })
}

# In the DR region, the tenants' KEK is a replica of the primary region's (same key material, its own policy).
resource "aws_kms_replica_key" "tenant_keys" {
  count                   = var.tenant_keys_replica_of == null ? 0 : 1
  description             = "${var.name}: ${local.purposes["tenant-keys"]} (replica)"
  primary_key_arn         = var.tenant_keys_replica_of
  deletion_window_in_days = var.deletion_window_days
  tags                    = merge(var.tags, { Purpose = "tenant-keys" })
}

locals {
  key_ids = merge(
    { for purpose, key in aws_kms_key.this : purpose => key.key_id },
    { for key in aws_kms_replica_key.tenant_keys : "tenant-keys" => key.key_id },
  )
  key_arns = merge(
    { for purpose, key in aws_kms_key.this : purpose => key.arn },
    { for key in aws_kms_replica_key.tenant_keys : "tenant-keys" => key.arn },
  )
}

resource "aws_kms_alias" "this" {
  for_each      = local.purposes
  name          = "alias/${var.name}-${each.key}"
  target_key_id = local.key_ids[each.key]
}
