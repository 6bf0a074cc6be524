/** The AWS KMS key keeper (the AWS SDK edge of {@code keys}). */
package dev.cairn.tenant.kms;
