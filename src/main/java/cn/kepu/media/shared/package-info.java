/**
 * Shared infrastructure, kept small on purpose: typed client errors, the GraphQL query guard, and Relay
 * cursor paging. Feature packages own everything else.
 */
package cn.kepu.media.shared;
