package dev.strangler.connect.journey.schema;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens connections to one database; the simulators own and close what they open. */
@FunctionalInterface
public interface Database {

    Connection open() throws SQLException;
}
