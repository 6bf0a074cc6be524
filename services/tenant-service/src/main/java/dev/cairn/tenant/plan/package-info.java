/**
 * Plans as data: a limit of stored bytes and prices per TB-month and per protected cluster-month in a currency;
 * platform operators define them and put tenants on them, partners set quotas for their customers within the plan,
 * and ingest and metering read a tenant's quota from the internal API.
 */
package dev.cairn.tenant.plan;
