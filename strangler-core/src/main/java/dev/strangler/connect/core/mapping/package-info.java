/**
 * Value translation tables shared by both directions of the migration: legacy codes to domain values in the
 * anti-corruption layer, domain values back to legacy codes in the legacy sink. Entry points:
 * {@link dev.strangler.connect.core.mapping.ValueMapping} (the table, parsed inline or loaded from a file) and
 * {@link dev.strangler.connect.core.mapping.ValueTranslator} (a direction plus an
 * {@link dev.strangler.connect.core.mapping.UnknownValuePolicy}). Connect-free.
 */
package dev.strangler.connect.core.mapping;
