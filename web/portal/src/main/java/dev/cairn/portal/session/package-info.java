/** The signed-in user: the access token of their OIDC session, their name and what their roles let them do. */
package dev.cairn.portal.session;
