/**
 * What every page shares: the API's JSON readable in templates, formatting of bytes and times, and the error page
 * that shows an API's problem as a readable message.
 */
package dev.cairn.portal.page;
