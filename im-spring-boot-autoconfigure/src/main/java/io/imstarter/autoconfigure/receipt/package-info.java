/**
 * Auto-configuration of read receipts and unread counts ({@code im.receipts.*}): settings, the JDBC read state store,
 * the coalescing pointer buffer, {@code ImReadState}.
 */
package io.imstarter.autoconfigure.receipt;
