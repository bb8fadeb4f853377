/** Auto-configuration of group conversations ({@code im.group.*}): settings, the JDBC group store, {@code ImGroups}. */
package io.imstarter.autoconfigure.group;
