/**
 * Self-service signup, confirmed by email: a signup mails its address (a confirmation link, or a note that the
 * address has an account), answering alike either way; following the link makes the tenant, its keys and its first
 * administrator.
 */
package dev.cairn.tenant.signup;
