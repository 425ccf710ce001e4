package dev.strangler.connect.journey.service;

import java.util.Objects;

/** A postal address as the Endorsement service keeps it. */
public record Address(String street, String postalCode, String city) {

    public Address {
        Objects.requireNonNull(street, "street");
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(city, "city");
    }
}
