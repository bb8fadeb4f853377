/** Conversation history on the starter's message store: delivered messages recorded, stored ones receipted. */
package io.imstarter.sample.history;
