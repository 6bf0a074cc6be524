/** The pages anyone sees: the landing page and self-service signup (the free 1 TB plan). */
package dev.cairn.portal.home;
