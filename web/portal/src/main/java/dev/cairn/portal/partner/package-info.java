/**
 * The partner view: for a partner's administrators, their customer tenants with usage against quotas, a customer's
 * usage over time and as CSV, new customers and quotas, monthly statements (and CSV), and webhook endpoints with
 * their delivery logs.
 */
package dev.cairn.portal.partner;
