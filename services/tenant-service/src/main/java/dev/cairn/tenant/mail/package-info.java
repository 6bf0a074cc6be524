/** Mail out of the platform, through its SMTP server (an edge, like HTTP and Kafka). */
package dev.cairn.tenant.mail;
