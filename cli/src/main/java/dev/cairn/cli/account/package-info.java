/** {@code cairn signup|login|token}: the account, and the sign-in every other command acts with. */
package dev.cairn.cli.account;
