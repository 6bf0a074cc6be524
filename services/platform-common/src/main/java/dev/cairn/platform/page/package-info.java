/** Pagination: pages with an opaque keyset cursor, the one way every list of the API is paged. */
package dev.cairn.platform.page;
