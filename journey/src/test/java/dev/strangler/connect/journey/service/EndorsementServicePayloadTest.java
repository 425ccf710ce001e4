package dev.strangler.connect.journey.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The service's event contract: the fields the legacy sink's mapping, the plan and the reconcile sink read. */
class EndorsementServicePayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ID = UUID.fromString("0190f5a1-7c1e-7b1e-9d5e-2f1c3b4a5d6e");

    @Test
    void anAddressChangeCarriesThePlanFieldsAndTheNestedAddress() throws Exception {
        JsonNode event = JSON.readTree(EndorsementService.payload(ID, new EndorsementCommand.ChangeAddress("DE-A-0001001", "AUTO", "DE",
                LocalDate.of(2027, 2, 10), new Address("Hohenzollernstr. 40", "80801", "München"), "Umzug"), "APPROVED", 1));

        assertThat(event.path("endorsementId").asText()).isEqualTo(ID.toString());
        assertThat(event.path("endorsementType").asText()).isEqualTo("ADDR_CHG");
        assertThat(event.path("productLine").asText()).isEqualTo("AUTO");
        assertThat(event.path("country").asText()).isEqualTo("DE");
        assertThat(event.path("effectiveDate").asText()).isEqualTo("2027-02-10");
        assertThat(event.path("address").path("postalCode").asText()).isEqualTo("80801");
        assertThat(event.path("status").asText()).isEqualTo("APPROVED");
        assertThat(event.path("version").asLong()).isEqualTo(1);
        assertThat(event.has("vehicleVin")).isFalse();
    }

    @Test
    void aVehicleChangeHasNoAddressAndNoReasonWhenNoneWasGiven() throws Exception {
        JsonNode event = JSON.readTree(EndorsementService.payload(ID, new EndorsementCommand.ChangeVehicle("DE-A-0001004", "AUTO", "DE",
                LocalDate.of(2027, 4, 2), "TMBJJ7NE8J0000020", null), "APPROVED", 1));

        assertThat(event.path("endorsementType").asText()).isEqualTo("VEH_CHG");
        assertThat(event.path("vehicleVin").asText()).isEqualTo("TMBJJ7NE8J0000020");
        assertThat(event.has("address")).isFalse();
        assertThat(event.has("reason")).as("absent, not null: the outbox source would drop a null field anyway").isFalse();
    }
}
