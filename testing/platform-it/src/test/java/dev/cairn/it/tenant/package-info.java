/** Integration tests of tenants: signup, users, partners, deletion, clusters and registration. */
package dev.cairn.it.tenant;
