/** The message store SPI: offline messages per receiver with a growing sequence, delivery marks, history, expiry. */
package io.imstarter.store;
