# The platform's topics as code (docs/protocol.md, docs/metering.md): the same names and settings the local platform
# makes (testing/servers Platform), with the replication a production cluster has.
locals {
  common = {
    "min.insync.replicas"            = "2"
    "unclean.leader.election.enable" = "false"
  }
}

resource "kafka_topic" "data" {
  name               = "cairn.data.v1"
  partitions         = var.data_partitions
  replication_factor = 3
  config = merge(local.common, {
    "retention.ms"      = tostring(var.data_retention_hours * 3600000)
    "max.message.bytes" = "8388608"
  })
}

resource "kafka_topic" "data_dead_letter" {
  name               = "cairn.data.v1.dlq"
  partitions         = 3
  replication_factor = 3
  config             = merge(local.common, { "retention.ms" = tostring(14 * 24 * 3600000) })
}

resource "kafka_topic" "usage" {
  name               = "cairn.usage.v1"
  partitions         = var.usage_partitions
  replication_factor = 3
  config             = merge(local.common, { "retention.ms" = tostring(30 * 24 * 3600000) })
}

resource "kafka_topic" "usage_dead_letter" {
  name               = "cairn.usage.v1.dlq"
  partitions         = 1
  replication_factor = 3
  config             = merge(local.common, { "retention.ms" = tostring(30 * 24 * 3600000) })
}

# tenant life-cycle events (a tenant purged: each service forgets what it keeps of it; ADR 0030): compacted by tenant,
# kept forever, so that a consumer group that starts afresh still learns of every purged tenant
resource "kafka_topic" "tenants" {
  name               = "cairn.tenants.v1"
  partitions         = 3
  replication_factor = 3
  config = merge(local.common, {
    "cleanup.policy" = "compact"
    "retention.ms"   = "-1"
  })
}

resource "kafka_topic" "tenants_dead_letter" {
  name               = "cairn.tenants.v1.dlq"
  partitions         = 1
  replication_factor = 3
  config             = merge(local.common, { "retention.ms" = tostring(30 * 24 * 3600000) })
}

# What each service's SCRAM user may do (the same grants the local platform makes: testing/servers Platform), one
# "<user> <resource type> <resource name> <operation>" each; agents' users are granted by the tenant service at
# registration. The brokers refuse whatever is not granted (allow.everyone.if.no.acl.found=false).
locals {
  grants = [
    "ingest-service Topic cairn.data.v1 Read",
    "ingest-service Topic cairn.data.v1 Describe",
    "ingest-service Topic cairn.data.v1.dlq Write",
    "ingest-service Topic cairn.data.v1.dlq Describe",
    "ingest-service Group cairn-ingest Read",
    "ingest-service Topic cairn.usage.v1 Write",
    "ingest-service Topic cairn.usage.v1 Describe",
    "tenant-service Topic cairn.usage.v1 Write",
    "tenant-service Topic cairn.usage.v1 Describe",
    "metering-service Topic cairn.usage.v1 Read",
    "metering-service Topic cairn.usage.v1 Write",
    "metering-service Topic cairn.usage.v1 Describe",
    "metering-service Topic cairn.usage.v1.dlq Write",
    "metering-service Topic cairn.usage.v1.dlq Describe",
    "metering-service Group cairn-metering Read",
    "tenant-service Cluster kafka-cluster Alter",
    "tenant-service Cluster kafka-cluster Describe",
    "tenant-service Cluster kafka-cluster AlterConfigs",
    "tenant-service Cluster kafka-cluster DescribeConfigs",
    "tenant-service Topic cairn.tenants.v1 Write",
    "tenant-service Topic cairn.tenants.v1 Describe",
    "ingest-service Topic cairn.tenants.v1 Read",
    "ingest-service Topic cairn.tenants.v1 Describe",
    "ingest-service Topic cairn.tenants.v1.dlq Write",
    "ingest-service Topic cairn.tenants.v1.dlq Describe",
    "ingest-service Group cairn-tenant-events-ingest-service Read",
    "scheduler-service Topic cairn.tenants.v1 Read",
    "scheduler-service Topic cairn.tenants.v1 Describe",
    "scheduler-service Topic cairn.tenants.v1.dlq Write",
    "scheduler-service Topic cairn.tenants.v1.dlq Describe",
    "scheduler-service Group cairn-tenant-events-scheduler-service Read",
    "metering-service Topic cairn.tenants.v1 Read",
    "metering-service Topic cairn.tenants.v1 Describe",
    "metering-service Topic cairn.tenants.v1.dlq Write",
    "metering-service Topic cairn.tenants.v1.dlq Describe",
    "metering-service Group cairn-tenant-events-metering-service Read",
    "recovery-service Topic cairn.tenants.v1 Read",
    "recovery-service Topic cairn.tenants.v1 Describe",
    "recovery-service Topic cairn.tenants.v1.dlq Write",
    "recovery-service Topic cairn.tenants.v1.dlq Describe",
    "recovery-service Group cairn-tenant-events-recovery-service Read",
  ]
}

resource "kafka_acl" "service" {
  for_each = toset(local.grants)

  acl_principal       = "User:${split(" ", each.value)[0]}"
  acl_host            = "*"
  resource_type       = split(" ", each.value)[1]
  resource_name       = split(" ", each.value)[2]
  acl_operation       = split(" ", each.value)[3]
  acl_permission_type = "Allow"
}
