/** Usage and plan: stored and protected bytes by day and by month as charts (and tables), the plan and its prices. */
package dev.cairn.portal.usage;
