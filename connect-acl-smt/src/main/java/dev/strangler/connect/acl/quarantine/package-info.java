/**
 * Quarantine, not loss: how every ACL transform sets aside a record it cannot translate. The pure logic throws a
 * {@link dev.strangler.connect.acl.quarantine.RecordRejectedException} (reason, rule, message); the
 * {@link dev.strangler.connect.acl.quarantine.QuarantineRouter} re-routes the record, unchanged, to the quarantine
 * topic with the {@link dev.strangler.connect.acl.quarantine.QuarantineHeaders} (or fails the task when the policy
 * says so) and counts it in {@link dev.strangler.connect.acl.quarantine.TransformMetrics}.
 *
 * <p>In a chain, the {@code acl.quarantined} header marks the record, and every later ACL transform passes it through
 * untouched, so it reaches the quarantine topic exactly as the rejecting transform received it. Kafka's built-in
 * transforms are told to do the same with the negated {@code HasHeaderKey} predicate on that header.
 */
package dev.strangler.connect.acl.quarantine;
