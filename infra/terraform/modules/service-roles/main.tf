# An IAM role per service, assumable only by that service's Kubernetes service account (IRSA): each may do what its
# part of docs/architecture.md needs and nothing more. The scheduler and metering need no AWS access.
locals {
  objects_read_write = [
    {
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:PutObjectRetention", "s3:GetObjectRetention"]
      Resource = [for arn in var.bucket_arns : "${arn}/*"]
    },
    {
      Effect   = "Allow"
      Action   = ["s3:ListBucket", "s3:GetBucketObjectLockConfiguration"]
      Resource = var.bucket_arns
    },
    {
      Effect   = "Allow"
      Action   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
      Resource = var.object_kms_key_arns
    },
  ]
  objects_read = [
    {
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = concat(var.bucket_arns, [for arn in var.bucket_arns : "${arn}/*"])
    },
    {
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = var.object_kms_key_arns
    },
  ]
  services = {
    # packs, indexes, manifests, replication, garbage collection, pre-signed URLs for agents
    "ingest-service" = local.objects_read_write
    # tenants' data keys are wrapped with the KEK; a purge deletes the tenant's objects
    "tenant-service" = concat(local.objects_read_write, [{
      Effect   = "Allow"
      Action   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
      Resource = [var.tenant_keys_kms_key_arn]
    }])
    # recoveries read manifests to plan and verify
    "recovery-service" = local.objects_read
  }
}

data "aws_iam_policy_document" "trust" {
  for_each = local.services
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.namespace}:cairn-${each.key}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "service" {
  for_each           = local.services
  name               = "${var.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.trust[each.key].json
  tags               = var.tags
}

resource "aws_iam_role_policy" "service" {
  for_each = local.services
  role     = aws_iam_role.service[each.key].id
  policy   = jsonencode({ Version = "2012-10-17", Statement = each.value })
}
