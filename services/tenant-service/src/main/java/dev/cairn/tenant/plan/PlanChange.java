package dev.cairn.tenant.plan;

import jakarta.validation.constraints.NotNull;

/**
 * Puts a tenant on a plan; its quota becomes the plan's limit.
 *
 * @param plan the plan's code
 */
public record PlanChange(@NotNull String plan) {}
