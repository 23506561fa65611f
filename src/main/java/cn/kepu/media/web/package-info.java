/**
 * The web application's server side: the browser application itself is built from {@code src/main/webui} by Quarkus
 * Quinoa and served at {@code /}; this package only tells it how people sign in here ({@link WebConfigResource}).
 * Top of the dependency direction: nothing imports it.
 */
package cn.kepu.media.web;
