package dev.cairn.tenant.cluster;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A cluster to add: its name is a DNS label, unique among the tenant's clusters. */
public record NewCluster(
        @NotBlank
        @Size(max = 63)
        @Pattern(
                regexp = "[a-z0-9]([-a-z0-9]*[a-z0-9])?",
                message = "must be a DNS label: lower-case letters, digits and '-'")
        String name) {}
