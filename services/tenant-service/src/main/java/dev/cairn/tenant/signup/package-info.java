/** Self-service signup: tenant, keys and first administrator, idempotent on the email. */
package dev.cairn.tenant.signup;
