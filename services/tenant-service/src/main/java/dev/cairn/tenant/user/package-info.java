/** A tenant's users: invitations with one-time passwords, roles, removal. */
package dev.cairn.tenant.user;
