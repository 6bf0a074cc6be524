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
