/** Tenants' objects in S3 (the AWS SDK edge of {@code tenant}). */
package dev.cairn.tenant.storage;
