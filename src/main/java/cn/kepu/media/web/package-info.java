/**
 * The web application's server side: the browser application itself is built from {@code src/main/webui} by Quarkus
 * Quinoa and served at {@code /}; this package tells it how people sign in here ({@link WebConfigResource}), sets the
 * files' cache headers ({@link WebAssetCaching}) and sends a work page and the plain search page with their first
 * screen ({@link FirstScreen}: the page's own query asked of {@code /graphql} as an anonymous visitor, its answer
 * embedded and the page's top rendered as HTML by {@link WorkPageFirstScreen} and {@link SearchPageFirstScreen}).
 * Top of the dependency direction: nothing imports it.
 */
package cn.kepu.media.web;
