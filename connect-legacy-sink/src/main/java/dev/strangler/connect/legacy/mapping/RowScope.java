package dev.strangler.connect.legacy.mapping;

import java.time.Instant;

import dev.strangler.connect.legacy.event.ProjectionEvent;

/**
 * What a column source reads for one row: the event, and for a detail row the array element and its position.
 *
 * @param event        the event being projected
 * @param element      the array element of a detail row; null for a table written once per event
 * @param elementIndex the element's zero-based position; -1 for a table written once per event
 * @param eventTime    the event time (a field of the event or the record timestamp)
 */
public record RowScope(ProjectionEvent event, Object element, int elementIndex, Instant eventTime) {

    static RowScope of(ProjectionEvent event, Instant eventTime) {
        return new RowScope(event, null, -1, eventTime);
    }

    RowScope forElement(Object element, int index) {
        return new RowScope(event, element, index, eventTime);
    }
}
