/**
 * The origin marker: how the anti-corruption layer recognises, in the legacy database's change stream, the
 * changes that the legacy sink itself wrote, so a fact travels legacy -> service -> legacy once and never loops.
 *
 * <h2>The convention</h2>
 * <ul>
 *   <li>Every legacy table the legacy sink writes has a nullable text column, {@code origin.marker.column}
 *       (default {@code strangler_origin}).</li>
 *   <li>The legacy sink writes {@code origin.marker.value} (default {@code strangler-connect}) into that column in
 *       every INSERT and UPDATE it issues, as a bound parameter.</li>
 *   <li>A legacy application never writes that value. Because the column survives in the row after the sink's
 *       write, a later legacy UPDATE that does not mention the column would inherit it; the legacy schema must
 *       therefore reset it on writes that are not the sink's. On PostgreSQL the recommended way is a
 *       {@code BEFORE INSERT OR UPDATE} trigger that sets the column from a transaction-local setting which only
 *       the sink sets ({@code SELECT set_config('strangler.origin', 'strangler-connect', true)} at the start of
 *       its transaction; the trigger does {@code NEW.strangler_origin := current_setting('strangler.origin', true)}).
 *       Then a row version carries the marker exactly when the sink's transaction produced it.</li>
 *   <li><b>Hard deletes</b> carry no {@code after} row. The sink therefore first stamps the marker on the row
 *       (an UPDATE setting the column) and then deletes it, in the same transaction. With
 *       {@code REPLICA IDENTITY FULL} on the table, Debezium's delete event has the whole old row in
 *       {@code before}, marker included; the stamp itself is an update whose {@code after} is marked. Both are
 *       recognised as own writes. Without {@code REPLICA IDENTITY FULL}, PostgreSQL puts only the key in
 *       {@code before}, and a sink delete is indistinguishable from a legacy delete.</li>
 * </ul>
 *
 * <p>{@link dev.strangler.connect.core.origin.OriginMarker#isOwnChange} applies the rule to a change: the row
 * version the change produced ({@code after}) decides; for a delete, the row version it removed ({@code before}).
 */
package dev.strangler.connect.core.origin;
