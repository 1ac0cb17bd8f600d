package org.quanli.kernel.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalNumbersTest {

    @Test
    void identityNumbersInFreeTextAreMaskedLikeTheApplicantsOwn() {
        assertThat(PersonalNumbers.mask("申请人身份证号510104199001011234，材料齐全"))
                .isEqualTo("申请人身份证号5101**********1234，材料齐全");
        assertThat(PersonalNumbers.mask("证件 51010419900101123X 与 51010419900101123x"))
                .isEqualTo("证件 5101**********123X 与 5101**********123x");
        assertThat(PersonalNumbers.mask("旧证510104900101123号")).isEqualTo("旧证5101*******1123号");
    }

    @Test
    void mobileNumbersInFreeTextAreMaskedLikeTheApplicantsOwn() {
        assertThat(PersonalNumbers.mask("联系电话13812345678。")).isEqualTo("联系电话138****5678。");
        assertThat(PersonalNumbers.mask("电话 138-1234-5678 或 199 1234 5678"))
                .isEqualTo("电话 138******5678 或 199******5678");
    }

    @Test
    void numbersThatAreNotPersonalStayAsTheyAre() {
        // A unified social credit code, a decision's number, a landline, a longer run of digits, a UUID.
        for (String text : new String[] {"115106000086543382", "11510600008654321B", "德府发〔2013〕24号",
                "028-12345678", "12812345678", "138123456789", "510104199013011234",
                "c0a80101-0000-4000-8000-138123456789", "编号A13812345678", null, ""}) {
            assertThat(PersonalNumbers.mask(text)).isEqualTo(text);
        }
    }
}
