/**
 * Read state for the application: {@link io.imstarter.receipt.ImReadState}, unread counts derived from sequence
 * numbers and read pointers, and read counts of group messages ({@code docs/receipts.md}).
 */
package io.imstarter.receipt;
