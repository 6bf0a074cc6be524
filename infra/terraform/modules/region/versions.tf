terraform {
  required_version = "~> 1.10"
  required_providers {
    aws    = { source = "hashicorp/aws", version = "~> 5.80" }
    tls    = { source = "hashicorp/tls", version = "~> 4.0" }
    random = { source = "hashicorp/random", version = "~> 3.6" }
    kafka  = { source = "Mongey/kafka", version = "~> 0.8" }
  }
}
