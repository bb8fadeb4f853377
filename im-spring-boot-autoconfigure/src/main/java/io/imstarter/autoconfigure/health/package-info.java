/** Actuator health of the IM server, active when spring-boot-health is present. */
package io.imstarter.autoconfigure.health;
