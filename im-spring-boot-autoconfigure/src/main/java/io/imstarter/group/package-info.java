/** The application API of group conversations: {@link io.imstarter.group.ImGroups} and its listener. */
package io.imstarter.group;
