/**
 * Stable domain identity for legacy rows: {@link dev.strangler.connect.core.identity.DomainIdentity} derives a
 * name-based UUID v5 from one or more legacy key columns;
 * {@link dev.strangler.connect.core.identity.CrossReferenceLookup} (with
 * {@link dev.strangler.connect.core.identity.CachingCrossReferenceLookup}) finds ids recorded in a cross-reference
 * table. Connect-free.
 */
package dev.strangler.connect.core.identity;
