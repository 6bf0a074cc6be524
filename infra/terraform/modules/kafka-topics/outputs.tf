output "topics" {
  description = "The topics made, by role."
  value = {
    data              = kafka_topic.data.name
    data_dead_letter  = kafka_topic.data_dead_letter.name
    usage             = kafka_topic.usage.name
    usage_dead_letter = kafka_topic.usage_dead_letter.name
    tenants           = kafka_topic.tenants.name
    tenants_dead_letter = kafka_topic.tenants_dead_letter.name
  }
}
