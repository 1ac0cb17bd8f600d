package org.quanli.kernel.places;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedSocialCreditCodeTest {

    @Test
    void acceptsAPublishedCodeWhoseCheckCharacterIsALetter() {
        // 91350100M000100Y43 is the worked example printed in GB 32100-2015.
        assertThat(UnifiedSocialCreditCode.isValid("91350100M000100Y43")).isTrue();
    }

    @Test
    void computesTheCheckCharacterFromTheFirstSeventeen() {
        assertThat(UnifiedSocialCreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    }

    @Test
    void refusesAWrongCheckCharacterAndSaysWhichItShouldBe() {
        assertThat(UnifiedSocialCreditCode.problemWith("91350100M000100Y44")).contains("校验码错误").contains("3");
    }

    @Test
    void refusesLettersOutsideTheAlphabet() {
        assertThat(UnifiedSocialCreditCode.problemWith("91350100O000100Y43")).contains("第9位");
    }

    @Test
    void refusesTheWrongLength() {
        assertThat(UnifiedSocialCreditCode.problemWith("1151060000")).contains("18位");
    }
}
