package dev.strangler.connect.acl.struct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class StructRewriteTest {

    private static final Schema ADDRESS = SchemaBuilder.struct().name("Address").optional()
            .field("street", Schema.OPTIONAL_STRING_SCHEMA)
            .field("city", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema ROW = SchemaBuilder.struct().name("Row").version(3)
            .field("id", Schema.INT32_SCHEMA)
            .field("status", Schema.OPTIONAL_STRING_SCHEMA)
            .field("address", ADDRESS)
            .build();

    private static Struct row(Struct address) {
        return new Struct(ROW).put("id", 7).put("status", "A").put("address", address);
    }

    private static Struct address() {
        return new Struct(ADDRESS).put("street", "Main St 1").put("city", "Bern");
    }

    @Test
    void replaceChangesSchemaAndValueAndKeepsOtherFieldsByReference() {
        Struct address = address();
        StructRewrite rewrite = StructRewrite.builder(ROW)
                .replace(FieldPath.parse("status"), Schema.OPTIONAL_STRING_SCHEMA, v -> v == null ? null : "ACTIVE")
                .build();

        Struct out = rewrite.apply(row(address));

        assertThat(rewrite.schema().name()).isEqualTo("Row");
        assertThat(rewrite.schema().version()).isEqualTo(3);
        assertThat(out.get("status")).isEqualTo("ACTIVE");
        assertThat(out.getStruct("address")).isSameAs(address);
        assertThat(rewrite.schema().field("address").schema()).isSameAs(ADDRESS);
    }

    @Test
    void replacesInsideNestedStructsAndKeepsAbsentStructsAbsent() {
        StructRewrite rewrite = StructRewrite.builder(ROW)
                .replace(FieldPath.parse("address.city"), Schema.OPTIONAL_STRING_SCHEMA, v -> ((String) v).toUpperCase())
                .replace(FieldPath.parse("address.city"), Schema.OPTIONAL_STRING_SCHEMA, v -> v + "!")
                .build();

        assertThat(rewrite.apply(row(address())).getStruct("address").get("city")).isEqualTo("BERN!");
        assertThat(rewrite.apply(row(null)).get("address")).isNull();
        assertThat(rewrite.schema().field("address").schema().isOptional()).isTrue();
        assertThat(rewrite.schema().field("address").schema().name()).isEqualTo("Address");
    }

    @Test
    void movesRenameNestAndUnnest() {
        StructRewrite rewrite = StructRewrite.builder(ROW)
                .move(FieldPath.parse("id"), FieldPath.parse("policyId"))
                .move(FieldPath.parse("status"), FieldPath.parse("state.code"))
                .move(FieldPath.parse("address.city"), FieldPath.parse("city"))
                .build();

        Struct out = rewrite.apply(row(address()));

        assertThat(rewrite.schema().fields()).extracting(f -> f.name()).containsExactly("address", "policyId", "state", "city");
        assertThat(out.get("policyId")).isEqualTo(7);
        assertThat(out.getStruct("state").get("code")).isEqualTo("A");
        assertThat(out.get("city")).isEqualTo("Bern");
        assertThat(out.getStruct("address").schema().fields()).extracting(f -> f.name()).containsExactly("street");
        assertThat(rewrite.apply(row(null)).get("city")).isNull();
    }

    @Test
    void movedStructCanBeEditedInside() {
        StructRewrite rewrite = StructRewrite.builder(ROW)
                .move(FieldPath.parse("address"), FieldPath.parse("home"))
                .remove(FieldPath.parse("home.street"))
                .build();

        Struct out = rewrite.apply(row(address()));

        assertThat(out.schema().field("home").schema().fields()).extracting(f -> f.name()).containsExactly("city");
        assertThat(out.getStruct("home").get("city")).isEqualTo("Bern");
    }

    @Test
    void structsEmptiedByTheRewriteAreRemoved() {
        StructRewrite rewrite = StructRewrite.builder(ROW)
                .move(FieldPath.parse("address.street"), FieldPath.parse("street"))
                .move(FieldPath.parse("address.city"), FieldPath.parse("city"))
                .build();

        assertThat(rewrite.schema().field("address")).isNull();
        assertThat(rewrite.apply(row(address())).get("street")).isEqualTo("Main St 1");
    }

    @Test
    void addComputesFromTheWholeValue() {
        StructRewrite rewrite = StructRewrite.builder(ROW)
                .add(FieldPath.parse("meta.label"), Schema.STRING_SCHEMA, root -> root.get("status") + "-" + root.get("id"))
                .build();

        assertThat(rewrite.apply(row(null)).getStruct("meta").get("label")).isEqualTo("A-7");
        assertThat(rewrite.schema().field("meta").schema().isOptional()).isFalse();
    }

    @Test
    void valueMovedIntoAnAbsentStructIsNotLostSilently() {
        StructRewrite rewrite = StructRewrite.builder(ROW)
                .move(FieldPath.parse("status"), FieldPath.parse("address.status"))
                .build();

        assertThat(rewrite.apply(row(address())).getStruct("address").get("status")).isEqualTo("A");
        assertThat(rewrite.apply(row(null).put("status", null)).get("address")).isNull();
        assertThatThrownBy(() -> rewrite.apply(row(null)))
                .isInstanceOf(StructRewrite.AbsentStructException.class)
                .hasMessage("Field status was placed in address, which is absent in this record, so its value has nowhere to go");
    }

    @Test
    void pathErrorsNameThePath() {
        StructRewrite.Builder builder = StructRewrite.builder(ROW);

        assertThatThrownBy(() -> builder.remove(FieldPath.parse("address.zip"))).hasMessage("no field address.zip");
        assertThatThrownBy(() -> builder.remove(FieldPath.parse("nothing.zip"))).hasMessage("no field nothing.zip");
        assertThatThrownBy(() -> builder.replace(FieldPath.parse("status.x"), Schema.STRING_SCHEMA, v -> v))
                .hasMessage("field status is not a struct");
        assertThatThrownBy(() -> builder.add(FieldPath.parse("id"), Schema.STRING_SCHEMA, r -> "x"))
                .hasMessage("field id already exists");
        assertThatThrownBy(() -> builder.move(FieldPath.parse("id"), FieldPath.parse("status")))
                .hasMessage("field status already exists");
    }

    @Test
    void fieldPathParsing() {
        assertThat(FieldPath.parse(" after.status ").segments()).containsExactly("after", "status");
        assertThat(FieldPath.parse("a.b").parent()).contains(FieldPath.parse("a"));
        assertThat(FieldPath.parse("a").parent()).isEmpty();
        assertThatThrownBy(() -> FieldPath.parse("a..b")).hasMessage("field path 'a..b' has an empty segment");
        assertThatThrownBy(() -> FieldPath.parse(" ")).hasMessage("field path is empty");
    }
}
