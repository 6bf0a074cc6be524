package dev.cairn.tenant.signup;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A self-service signup.
 *
 * @param organisation the tenant's name
 * @param email the first administrator's email, which is also their login
 * @param password the administrator's password (10 to 128 characters)
 * @param homeRegion where backups are stored
 * @param drRegion where copies are kept for disaster recovery (optional, not the home region)
 */
public record SignupRequest(
        @NotBlank
        @Size(min = 2, max = 100)
        @Pattern(regexp = "\\S.*\\S", message = "must not start or end with a space")
        String organisation,

        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(min = 10, max = 128) String password,
        @NotBlank @Size(max = 63) String homeRegion,
        @Size(max = 63) String drRegion) {

    @Override
    public String toString() {
        return "SignupRequest[organisation=" + organisation + ", email=" + email + ", homeRegion=" + homeRegion
                + ", drRegion=" + drRegion + "]"; // never the password
    }
}
