package dev.strangler.connect.journey.service;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A request to endorse an issued policy, as the Endorsement service's API accepts it. The product line and country
 * come with the command (the service looks them up in the policy it mirrors); together with the endorsement type
 * they are the fields the migration plan's scopes are defined on.
 */
public sealed interface EndorsementCommand {

    String policyNumber();

    String productLine();

    String country();

    LocalDate effectiveDate();

    String reason();

    /** The product catalogue code, shared with the plan and the legacy transaction codes. */
    String endorsementType();

    /** The event type the service publishes for it. */
    String eventType();

    /**
     * The aggregate type of the endorsement, which names its topic: address and vehicle endorsements have their own
     * topics, so each migration slice can be projected and reconciled, or stopped, on its own.
     */
    String aggregateType();

    /** The policyholder moved: the first slice the service takes over. */
    record ChangeAddress(String policyNumber, String productLine, String country, LocalDate effectiveDate,
                         Address address, String reason) implements EndorsementCommand {
        public ChangeAddress {
            Objects.requireNonNull(policyNumber, "policyNumber");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(effectiveDate, "effectiveDate");
        }

        @Override
        public String endorsementType() {
            return "ADDR_CHG";
        }

        @Override
        public String eventType() {
            return "AddressChanged";
        }

        @Override
        public String aggregateType() {
            return "AddressEndorsement";
        }
    }

    /** The insured vehicle is replaced: the second slice. */
    record ChangeVehicle(String policyNumber, String productLine, String country, LocalDate effectiveDate,
                         String vehicleVin, String reason) implements EndorsementCommand {
        public ChangeVehicle {
            Objects.requireNonNull(policyNumber, "policyNumber");
            Objects.requireNonNull(vehicleVin, "vehicleVin");
            Objects.requireNonNull(effectiveDate, "effectiveDate");
        }

        @Override
        public String endorsementType() {
            return "VEH_CHG";
        }

        @Override
        public String eventType() {
            return "VehicleChanged";
        }

        @Override
        public String aggregateType() {
            return "VehicleEndorsement";
        }
    }
}
