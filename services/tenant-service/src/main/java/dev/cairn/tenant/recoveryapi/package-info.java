/** The recovery service's internal API, as the tenant service calls it (the HTTP edge of {@code deletion}). */
package dev.cairn.tenant.recoveryapi;
