/** Integration tests of isolation and authentication: the isolation suite, token validation, Kafka ACLs. */
package dev.cairn.it.security;
