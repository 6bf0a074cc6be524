# Managed Kafka: SASL/SCRAM over TLS only, ACLs enforced (no one may do what no ACL allows), topics made only by
# modules/kafka-topics (auto-creation off), three replicas with two in sync for every write.
resource "aws_msk_configuration" "this" {
  name           = var.name
  kafka_versions = [var.kafka_version]
  server_properties = join("\n", [
    "auto.create.topics.enable=false",
    "default.replication.factor=3",
    "min.insync.replicas=2",
    "allow.everyone.if.no.acl.found=false",
    "unclean.leader.election.enable=false",
  ])
}

resource "aws_security_group" "brokers" {
  name        = "${var.name}-msk"
  description = "MSK brokers: SASL_SSL from the platform's cluster only"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "scram" {
  for_each                     = toset(var.client_security_group_ids)
  security_group_id            = aws_security_group.brokers.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 9096
  to_port                      = 9096
  description                  = "SASL_SSL (SCRAM) from the platform"
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = 3
  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = var.private_subnet_ids
    security_groups = [aws_security_group.brokers.id]
    storage_info {
      ebs_storage_info {
        volume_size = var.broker_volume_gb
      }
    }
  }
  client_authentication {
    unauthenticated = false
    sasl {
      scram = true
    }
  }
  encryption_info {
    encryption_at_rest_kms_key_arn = var.kms_key_arn
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }
  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }
  tags = var.tags
}

resource "random_password" "service" {
  for_each = toset(var.service_users)
  length   = 40
  special  = false
}

# MSK reads SCRAM users from secrets named AmazonMSK_*, encrypted with a customer key.
resource "aws_secretsmanager_secret" "service" {
  for_each   = toset(var.service_users)
  name       = "AmazonMSK_${var.name}_${each.value}"
  kms_key_id = var.kms_key_arn
  tags       = var.tags
}

resource "aws_secretsmanager_secret_version" "service" {
  for_each      = toset(var.service_users)
  secret_id     = aws_secretsmanager_secret.service[each.value].id
  secret_string = jsonencode({ username = each.value, password = random_password.service[each.value].result })
}

resource "aws_msk_scram_secret_association" "this" {
  cluster_arn     = aws_msk_cluster.this.arn
  secret_arn_list = [for s in aws_secretsmanager_secret.service : s.arn]
  depends_on      = [aws_secretsmanager_secret_version.service]
}
