/** The tenant's users and their roles, for its administrators: invite (a one-time password), change a role, remove. */
package dev.cairn.portal.user;
