/** The platform as the CLI calls it: HTTP, the sign-in (OpenID Connect) and the kept credentials. */
package dev.cairn.cli.platform;
