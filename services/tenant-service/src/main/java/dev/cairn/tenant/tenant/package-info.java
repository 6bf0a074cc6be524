/** Tenants: plan, quota, regions, and their life from signup to crypto-shredded deletion. */
package dev.cairn.tenant.tenant;
