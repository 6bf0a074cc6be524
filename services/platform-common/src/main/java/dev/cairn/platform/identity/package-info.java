/**
 * Who calls: the realm's roles and the claims the platform puts in tokens, named once, and read one way from a
 * validated token ({@link dev.cairn.platform.identity.TokenClaims}), so that every service treats a missing or
 * malformed claim alike.
 */
package dev.cairn.platform.identity;
