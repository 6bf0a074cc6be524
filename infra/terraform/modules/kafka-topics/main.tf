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
