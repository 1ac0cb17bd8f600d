package org.quanli.kernel.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApplicantTest {

    @Test
    void maskingKeepsOnlyWhatTheApplicantRecognises() {
        Applicant masked = new Applicant("张三", IdentityDocument.RESIDENT_ID_CARD, "510106199001011234", "13812345678")
                .masked();

        assertThat(masked.name()).isEqualTo("张*");
        assertThat(masked.documentNumber()).isEqualTo("5101**********1234");
        assertThat(masked.phone()).isEqualTo("138****5678");
    }

    @Test
    void aLongerNameKeepsItsFirstCharacterAndAShortNumberIsFullyMasked() {
        assertThat(Applicant.maskName("欧阳娜娜")).isEqualTo("欧***");
        assertThat(Applicant.maskPhone("12345")).isEqualTo("*****");
        assertThat(Applicant.maskPhone(null)).isNull();
    }

    @Test
    void anErasedApplicantStaysErasedWhenMasked() {
        Applicant erased = new Applicant("[已删除]", IdentityDocument.RESIDENT_ID_CARD, "[已删除]", "[已删除]");

        assertThat(erased.erased()).isTrue();
        assertThat(erased.masked()).isEqualTo(erased);
    }
}
