output "region" {
  description = "What the region made (modules/region/outputs.tf): cluster, Kafka, database, bucket, keys, service roles, certificate and load balancer security group; the other root and the platform's settings take them from here."
  value       = module.region
}
