/** Partners (resellers, MSPs) and the customer tenants they manage. */
package dev.cairn.tenant.partner;
