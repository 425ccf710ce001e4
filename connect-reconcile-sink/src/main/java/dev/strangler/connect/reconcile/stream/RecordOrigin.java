package dev.strangler.connect.reconcile.stream;

/** Where a compared record came from, kept with pending findings so evidence can point back at the event. */
public record RecordOrigin(String topic, int partition, long offset) {
}
