/** Tenants' data keys: envelope encryption behind {@link dev.cairn.tenant.keys.KeyEncryption}, crypto-shredding on delete. */
package dev.cairn.tenant.keys;
