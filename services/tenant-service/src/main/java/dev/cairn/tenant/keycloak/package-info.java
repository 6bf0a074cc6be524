/** Keycloak as the user directory (the admin-client edge of {@code identity}). */
package dev.cairn.tenant.keycloak;
