/** Who calls the recovery service's API, from the validated token. */
package dev.cairn.recovery.identity;
