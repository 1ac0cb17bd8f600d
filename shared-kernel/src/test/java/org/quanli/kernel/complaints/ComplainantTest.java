package org.quanli.kernel.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.cases.IdentityDocument;

class ComplainantTest {

    @Test
    void maskingKeepsOnlyWhatTheComplainantRecognises() {
        Complainant masked = new Complainant("王建国", "13912345678", IdentityDocument.RESIDENT_ID_CARD,
                "510106199001011234", "旌阳区长江西路1号").masked();

        assertThat(masked.name()).isEqualTo("王**");
        assertThat(masked.phone()).isEqualTo("139****5678");
        assertThat(masked.documentNumber()).isEqualTo("5101**********1234");
        assertThat(masked.address()).isEqualTo("旌********");
    }

    @Test
    void aComplainantWithoutDocumentOrAddressMasksTheRestAndKeepsTheNulls() {
        Complainant masked = new Complainant("李女士", "13912345678", null, null, null).masked();

        assertThat(masked.name()).isEqualTo("李**");
        assertThat(masked.documentNumber()).isNull();
        assertThat(masked.address()).isNull();
    }

    @Test
    void anErasedComplainantStaysErasedWhenMasked() {
        Complainant erased = new Complainant("[已删除]", "[已删除]", null, "[已删除]", "[已删除]");

        assertThat(erased.erased()).isTrue();
        assertThat(erased.masked()).isEqualTo(erased);
    }

    @Test
    void onlyANamedReachableComplainantIsIdentified() {
        assertThat(new Complainant("王建国", "13912345678", null, null, null).identified()).isTrue();
        assertThat(new Complainant("王建国", " ", null, null, null).identified()).isFalse();
        assertThat(new Complainant("", "13912345678", null, null, null).identified()).isFalse();
    }
}
