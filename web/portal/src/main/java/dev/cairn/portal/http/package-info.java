/** HTTP helpers several pages share: downloads. */
package dev.cairn.portal.http;
