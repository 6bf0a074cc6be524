/** Hard deletion of tenants after their grace period: agents revoked, objects and users removed, keys destroyed. */
package dev.cairn.tenant.deletion;
