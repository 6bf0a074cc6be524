package dev.cairn.tenant.signup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The token from a signup's confirmation link.
 *
 * @param token the {@code token} parameter of the link
 */
public record SignupConfirmation(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be the token from the link")
        String token) {

    @Override
    public String toString() {
        return "SignupConfirmation[token=…]"; // never the token
    }
}
