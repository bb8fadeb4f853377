/** The sample's user accounts: BCrypt-hashed passwords and roles in the sample's database. */
package io.imstarter.sample.users;
