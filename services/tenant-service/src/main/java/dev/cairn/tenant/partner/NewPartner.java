package dev.cairn.tenant.partner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A partner to add. */
public record NewPartner(@NotBlank @Size(min = 2, max = 100) String name) {}
