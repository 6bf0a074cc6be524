/**
 * Monthly statements: per tenant and calendar month (UTC), lines with quantities, unit prices and amounts from the
 * usage aggregates and the plan's terms; Draft during the month, Final (immutable) after it, late usage of a final
 * month as adjustment lines on a later one.
 */
package dev.cairn.metering.billing;
