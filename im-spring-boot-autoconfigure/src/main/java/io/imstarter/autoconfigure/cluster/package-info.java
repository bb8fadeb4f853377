/** Spring wiring of the Redis cluster ({@code im.cluster.*}): its properties, auto-configuration and health. */
package io.imstarter.autoconfigure.cluster;
